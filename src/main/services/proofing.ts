import { Worker } from 'node:worker_threads'
import type { Db } from '../store/connection'
import * as wordsRepo from '../store/repositories/words'
import { AppError } from '../errors'
import { checkSubmission, type ProofingLocale, type SubmissionFields } from '@shared/proofing/rules'
import type { Finding } from '@shared/proofing/findings'
import type { SpellRequest, SpellResponse } from '../proofing/spell-worker'
import type { Dialogs } from '../platform/types'

export interface SpellWorkerOptions {
  /** The worker's script: the bundled spell-worker.js in the app, the TypeScript source under tsx in tests. */
  file: string
  execArgv?: string[]
}

/** Headline length the site takes, unless the newsroom sets another. */
export const DEFAULT_HEADLINE_LIMIT = 90
/**
 * Suggestions come with the first misspellings of a check; later ones get theirs on
 * request (the context menu, the panel's «اقترح تصويبًا» button), which keeps a long
 * article's check fast: each costs 40–60 ms of the worker's time (the quick bench).
 */
const MAX_SUGGESTED = 3

type Pending = { resolve: (r: SpellResponse) => void; reject: (e: Error) => void }
/** What the service asks the worker; the id and the newsroom's words are added on the way. */
type SpellQuery = SpellRequest extends infer R ? (R extends SpellRequest ? Omit<R, 'id' | 'extra'> : never) : never

/** Spelling (in a worker thread) and the editorial checks, for the proofing panel and the editor's underlines. */
export class ProofingService {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly ignored = new Set<string>()

  constructor(private readonly deps: { db: () => Db; now: () => number; worker: SpellWorkerOptions; dialogs: Dialogs }) {}

  private ask(request: SpellQuery): Promise<SpellResponse> {
    if (this.worker === null) {
      const worker = new Worker(this.deps.worker.file, { execArgv: this.deps.worker.execArgv })
      worker.unref()
      worker.on('message', (r: SpellResponse) => {
        const p = this.pending.get(r.id)
        this.pending.delete(r.id)
        if (r.error !== undefined) p?.reject(new AppError('INTERNAL', `spell checker: ${r.error}`))
        else p?.resolve(r)
      })
      const failAll = (error: Error) => {
        for (const p of this.pending.values()) p.reject(new AppError('INTERNAL', `spell checker stopped: ${error.message}`))
        this.pending.clear()
        this.worker = null
      }
      worker.on('error', failAll)
      worker.on('exit', (code) => code !== 0 && failAll(new Error(`exit ${code}`)))
      this.worker = worker
    }
    const id = this.nextId++
    const extra = wordsRepo.listWords(this.deps.db())
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.worker!.postMessage({ ...request, id, extra } as SpellRequest)
    })
  }

  /** The words (of those given) the dictionaries and the newsroom list do not know, or that are probable slips, less the ignored ones. */
  async misspelled(words: string[]): Promise<string[]> {
    const answer = await this.ask({ type: 'check', words: words.filter((w) => !this.ignored.has(w)) })
    return answer.misspelled ?? []
  }

  /** Suggestions for a word, the fix the word right before it tells first (given `previous`). */
  async suggest(word: string, previous?: string): Promise<string[]> {
    return (await this.ask({ type: 'suggest', word, previous })).suggestions ?? []
  }

  /** Of these pairs (a word before, a word), those where the word before tells a slip («قال أنه»), less ignored words. */
  async inContext(pairs: [string, string][]): Promise<[string, string][]> {
    const answer = await this.ask({ type: 'context', pairs: pairs.filter(([, w]) => !this.ignored.has(w)) })
    return answer.pairs ?? []
  }

  /** Spelling and the editorial checks on a text; with the article's fields, the checks before submitting too. */
  async check(text: string, options: { article?: SubmissionFields; locale?: ProofingLocale; headlineLimit?: number } = {}): Promise<Finding[]> {
    const locale = options.locale ?? 'ar'
    // Spelling and the editorial rules run in the worker: a long article never holds the main process.
    const answer = await this.ask({ type: 'proof', text, locale, ignored: [...this.ignored], suggestFirst: MAX_SUGGESTED })
    const submission = options.article === undefined ? [] : checkSubmission(options.article, options.headlineLimit ?? DEFAULT_HEADLINE_LIMIT, locale)
    return [...submission, ...(answer.findings ?? [])]
  }

  /** «تجاهل»: not flagged again while the app runs. */
  ignore(word: string): void {
    this.ignored.add(word)
  }

  /** Forgets the words ignored this run (after a wipe nothing of the old desk stays in memory). */
  forget(): void {
    this.ignored.clear()
  }

  /** «أضف إلى قاموس الجريدة». */
  addWord(word: string): string[] {
    wordsRepo.addWord(this.deps.db(), word.trim(), this.deps.now())
    return this.words()
  }

  removeWord(word: string): string[] {
    wordsRepo.removeWord(this.deps.db(), word)
    return this.words()
  }

  words(): string[] {
    return wordsRepo.listWords(this.deps.db())
  }

  /** The newsroom dictionary as a plain word list (one word a line), to share with colleagues. */
  wordListText(): string {
    return `${this.words().join('\n')}\n`
  }

  /** Saves the word list where the user chooses; false if they cancelled. */
  exportWords(): Promise<boolean> {
    return this.deps.dialogs.saveTextFile('qalam-newsroom-words.txt', this.wordListText())
  }

  /** Adds the words of an exported list; returns the dictionary. */
  importWords(text: string): string[] {
    const db = this.deps.db()
    db.transaction(() => {
      for (const line of text.split(/\r?\n/)) {
        const word = line.trim()
        if (word !== '' && word.length <= 100 && !/\s/.test(word)) wordsRepo.addWord(db, word, this.deps.now())
      }
    })()
    return this.words()
  }

  close(): void {
    void this.worker?.terminate()
    this.worker = null
  }
}
