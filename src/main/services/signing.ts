import * as signersRepo from '../store/repositories/signers'
import { fingerprintOf, newSigningKey, signManifest, verifyManifest } from '../bundle/signature'
import { newAgeIdentity, recipientOf } from '../bundle/seal'
import type { Db } from '../store/connection'
import type { BundleSigner, Colleague } from '@shared/domain/bundle'

/**
 * This desk's keys (made on first use, kept in the encrypted store): an Ed25519 key that
 * signs its bundles and an age identity that opens bundles sealed for it; and the
 * colleagues' keys the reporter has recognised, with the age recipient to seal for them.
 */
export class SigningService {
  constructor(private readonly deps: { db: () => Db; now: () => number; name: (articleId: string) => string }) {}

  private identity(): signersRepo.StoredIdentity {
    const db = this.deps.db()
    const stored = signersRepo.readIdentity(db)
    if (stored !== undefined) return stored
    const signing = newSigningKey()
    signersRepo.writeIdentity(db, { ...signing, ageIdentity: newAgeIdentity().identity }, this.deps.now())
    return signersRepo.readIdentity(db)!
  }

  /** This desk's fingerprint, to read out to a colleague. */
  fingerprint(): string {
    return fingerprintOf(this.identity().publicKey)
  }

  /** The age identity that opens bundles sealed for this desk. */
  ageIdentity(): string {
    return this.identity().ageIdentity
  }

  /** signature.json for a bundle's manifest, under the name the user goes by for that article, naming the recipient to seal replies for. */
  sign(articleId: string, manifest: Uint8Array): Uint8Array {
    const identity = this.identity()
    return signManifest(manifest, identity, this.deps.name(articleId), recipientOf(identity.ageIdentity))
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

  /** The reporter recognises the key (after comparing fingerprints): later bundles from it show the name, and bundles can be sealed for it. */
  trust(manifest: Uint8Array, signature: Uint8Array, name: string): void {
    const verified = verifyManifest(manifest, signature)
    signersRepo.rememberSigner(
      this.deps.db(),
      { fingerprint: verified.fingerprint, publicKey: verified.publicKey, name: name.trim().slice(0, 200) || verified.signer, ageRecipient: verified.recipient },
      this.deps.now()
    )
  }

  /** Colleagues a bundle can be sealed for (their signed bundles named an age recipient). */
  colleagues(): Colleague[] {
    return signersRepo
      .listSigners(this.deps.db())
      .filter((s) => s.ageRecipient !== '')
      .map((s) => ({ name: s.name, fingerprint: s.fingerprint }))
  }

  /** The age recipient of a recognised colleague, or undefined. */
  recipientFor(fingerprint: string): string | undefined {
    const known = signersRepo.findSigner(this.deps.db(), fingerprint)
    return known === undefined || known.ageRecipient === '' ? undefined : known.ageRecipient
  }
}
