/**
 * The slips Arabic writers make, shared by the speller (ranking suggestions) and the
 * forgiving search (reading a query's likeliest correction first).
 */

/** Rows of the standard Arabic keyboard: a slip of the finger hits a neighbouring key. */
const KEY_ROWS = ['ضصثقفغعهخحجد', 'شسيبلاتنمكط', 'ئءؤرىةوزظ']
/** Letters readers and writers confuse: hamza seats, teh marbuta and heh, alef maksura and yeh. */
const CONFUSABLE = ['اأإآ', 'هة', 'يى', 'ءؤئ']
/** Letters that share a shape and differ only by their dots: read or written one for the other. */
const SAME_SHAPE = ['بتثني', 'جحخ', 'دذ', 'رز', 'سش', 'صض', 'طظ', 'عغ', 'فق']

const inOneGroup = (groups: readonly string[], x: string, y: string) => groups.some((g) => g.includes(x) && g.includes(y))

/** Two keys side by side on the standard Arabic keyboard. */
export function neighbourKeys(x: string, y: string): boolean {
  return KEY_ROWS.some((row) => {
    const i = row.indexOf(x)
    const j = row.indexOf(y)
    return i >= 0 && j >= 0 && Math.abs(i - j) === 1
  })
}

/** A neighbouring key or an orthographically confusable letter (hamza seats, ة/ه, ى/ي). */
export const nearLetter = (x: string, y: string): boolean => inOneGroup(CONFUSABLE, x, y) || neighbourKeys(x, y)

/** The letters that share `x`'s shape (only the dots differ) or sit beside it on the keyboard. */
export function slipLetters(x: string): { sameShape: string[]; nextKey: string[] } {
  const sameShape = [...(SAME_SHAPE.find((g) => g.includes(x)) ?? '')].filter((y) => y !== x)
  const nextKey = KEY_ROWS.flatMap((row) => {
    const i = row.indexOf(x)
    return i < 0 ? [] : [row[i - 1], row[i + 1]].filter((y): y is string => y !== undefined && !sameShape.includes(y))
  })
  return { sameShape, nextKey }
}

/** A letter of the same shape (only the dots differ), or the next key. */
export const sameShapeOrNextKey = (x: string, y: string): boolean => inOneGroup(SAME_SHAPE, x, y) || neighbourKeys(x, y)
