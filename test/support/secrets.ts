import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import type { Secrets } from '@main/platform/types'

/**
 * The test host's stand-in for Electron's safeStorage: real encryption (AES-256-GCM,
 * a fixed test key), so a test can check that no password is stored in clear. `storage`
 * plays the platform's answer, 'plain' being Linux without a keyring.
 */
export function testSecrets(storage: 'os' | 'plain' | 'unavailable' = 'os'): Secrets {
  const key = scryptSync('qalam-test-keyring', 'qalam', 32)
  return {
    storage: () => storage,
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), data])
    },
    decrypt(blob) {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
      decipher.setAuthTag(blob.subarray(12, 28))
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8')
    }
  }
}
