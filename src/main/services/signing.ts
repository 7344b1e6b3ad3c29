import * as signersRepo from '../store/repositories/signers'
import { fingerprintOf, newIdentity, signManifest, verifyManifest, type SigningIdentity } from '../bundle/signature'
import type { Db } from '../store/connection'
import type { BundleSigner } from '@shared/domain/bundle'

/**
 * This desk's signing key (made on first use, kept in the encrypted store) and the
 * colleagues' keys the reporter has recognised: bundles are signed on export and their
 * signer told on import.
 */
export class SigningService {
  constructor(private readonly deps: { db: () => Db; now: () => number; name: (articleId: string) => string }) {}

  private identity(): SigningIdentity {
    const db = this.deps.db()
    const stored = signersRepo.readIdentity(db)
    if (stored !== undefined) return stored
    const made = newIdentity()
    signersRepo.writeIdentity(db, made.privateKey, made.publicKey, this.deps.now())
    return signersRepo.readIdentity(db)!
  }

  /** This desk's fingerprint, to read out to a colleague. */
  fingerprint(): string {
    return fingerprintOf(this.identity().publicKey)
  }

  /** signature.json for a bundle's manifest, under the name the user goes by for that article. */
  sign(articleId: string, manifest: Uint8Array): Uint8Array {
    return signManifest(manifest, this.identity(), this.deps.name(articleId))
  }

  /** Who signed a bundle; a signature that does not verify throws (Refused 'bad-signature'). */
  signerOf(manifest: Uint8Array, signature: Uint8Array | null): BundleSigner {
    if (signature === null) return { state: 'unsigned', name: '', fingerprint: '', claimsKnownName: false }
    const verified = verifyManifest(manifest, signature)
    const db = this.deps.db()
    if (verified.publicKey.equals(this.identity().publicKey)) return { state: 'self', name: verified.signer, fingerprint: verified.fingerprint, claimsKnownName: false }
    const known = signersRepo.findSigner(db, verified.fingerprint)
    if (known !== undefined && known.publicKey.equals(verified.publicKey)) return { state: 'known', name: known.name, fingerprint: verified.fingerprint, claimsKnownName: false }
    const claims = signersRepo.namedSigners(db, verified.signer) > 0
    return { state: 'unknown', name: verified.signer, fingerprint: verified.fingerprint, claimsKnownName: claims }
  }

  /** The reporter recognises the key (after comparing fingerprints): later bundles from it show the name. */
  trust(manifest: Uint8Array, signature: Uint8Array, name: string): void {
    const verified = verifyManifest(manifest, signature)
    signersRepo.rememberSigner(
      this.deps.db(),
      { fingerprint: verified.fingerprint, publicKey: verified.publicKey, name: name.trim().slice(0, 200) || verified.signer },
      this.deps.now()
    )
  }
}
