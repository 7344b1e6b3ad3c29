import { createRoot } from 'react-dom/client'
import '@fontsource/noto-naskh-arabic/400.css'
import '@fontsource/noto-naskh-arabic/700.css'
import '@fontsource/noto-sans-arabic/400.css'
import '@fontsource/noto-sans-arabic/600.css'
import './app/theme.css'
import { App } from './app/App'
import { initI18n } from './app/i18n'

void initI18n('ar').then(() => {
  // No StrictMode: its double mount would run the editors' flush-and-stop on unmount twice.
  createRoot(document.getElementById('root')!).render(<App />)
})
