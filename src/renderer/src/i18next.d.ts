import 'i18next'
import type { Messages } from './app/locales/ar'

/** Interface words are typed: a key that does not exist in the Arabic table is a compile error. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Messages }
    returnNull: false
  }
}
