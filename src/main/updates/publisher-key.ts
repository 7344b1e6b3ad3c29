/**
 * The publisher's Ed25519 public key: an installer from a file is accepted only with a
 * signature it verifies (scripts/sign-update.ts). Its private half is only in the release
 * workflow's secret QALAM_UPDATE_SIGNING_KEY.
 */
export const PUBLISHER_KEY_PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA/AEjknO+7wnc5OTtcvpsRBkHooSJ/EAhQY2TWurnXpY=\n-----END PUBLIC KEY-----\n'
