import { newAgeIdentity, recipientOf, seal, unseal } from '@main/bundle/seal'
async function main() {
  const a = newAgeIdentity()
  console.log(a.recipient, recipientOf(a.identity) === a.recipient)
  const age = await import('age-encryption')
  console.log((await age.identityToRecipient(a.identity)) === a.recipient)
  const c = await seal(new Uint8Array([1, 2, 3]), { recipient: a.recipient })
  console.log(await unseal(c, { identity: a.identity, passphrase: null }))
}
main()
