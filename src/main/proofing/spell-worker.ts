import { parentPort } from 'node:worker_threads'
import { SpellChecker } from './spell'

/**
 * The spell checker's thread: the word lists are decoded here, and every check runs
 * here, so neither the main process's IPC nor (through it) typing ever waits for them.
 */
export type SpellRequest = { id: number; type: 'check'; words: string[]; extra: string[] } | { id: number; type: 'suggest'; word: string; extra: string[] }

export type SpellResponse = { id: number; misspelled?: string[]; suggestions?: string[]; error?: string }

let loading: Promise<SpellChecker> | null = null
let extraKey = ''

parentPort?.on('message', (request: SpellRequest) => void answer(request))

async function answer(request: SpellRequest): Promise<void> {
  try {
    loading ??= SpellChecker.load()
    const checker = await loading
    const key = request.extra.join('\n')
    if (key !== extraKey) {
      checker.setExtraWords(request.extra)
      extraKey = key
    }
    if (request.type === 'check') {
      const misspelled = [...new Set(request.words)].filter((w) => !checker.isCorrect(w))
      parentPort!.postMessage({ id: request.id, misspelled } satisfies SpellResponse)
    } else {
      parentPort!.postMessage({ id: request.id, suggestions: checker.suggest(request.word) } satisfies SpellResponse)
    }
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies SpellResponse)
  }
}
