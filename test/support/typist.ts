/**
 * A child process that types for ever: it saves an article through the real
 * services as fast as it can and prints `ACK n` after each save returns. The
 * crash tests kill it with SIGKILL at random moments. Run with `node --import tsx`.
 */
import { draftOf, servicesIn, testPlatform } from './fixtures'

const [dataDir, articleId, startArg] = process.argv.slice(2)
if (dataDir === undefined || articleId === undefined) throw new Error('usage: typist <dataDir> <articleId> <start>')
let clock = Date.UTC(2026, 10, 27, 8, 0, 0) + Number(startArg ?? 0) * 60_000
// Each save is a minute later, so the periodic snapshots happen too.
const services = servicesIn(dataDir, testPlatform({ clock: { now: () => (clock += 60_000) } }))
const paragraph = 'وقال المتحدث باسم الوزارة في مؤتمر صحفي عقده صباح اليوم إن الحكومة ستعلن خطتها الجديدة خلال أيام، مضيفًا أن Reuters نقلت عن مصادر 12 تصريحًا متطابقًا. '
let n = Number(startArg ?? 0)
for (;;) {
  n++
  const paragraphs = [`مراجعة رقم ${n}`, ...Array.from({ length: 40 }, () => paragraph)]
  services.articles.save(draftOf(articleId, `عنوان ${n}`, ...paragraphs))
  process.stdout.write(`ACK ${n}\n`)
}
