import { DEFAULT_NETWORK, isNetworkSetting } from '@shared/domain/network'
import * as settingsRepo from '../store/repositories/settings'
import type { Db } from '../store/connection'
import { DEFAULT_SETTINGS, DIGITS, LOCK_AFTER_CHOICES, MONTH_NAMES, TEXT_SIZES, UPLOAD_SIDES, isUpdateServerUrl, type Settings } from '@shared/domain/app'

/** The user's choices: interface language and the article to reopen. */
export class SettingsService {
  constructor(private readonly deps: { db: () => Db; onChange?: (changed: (keyof Settings)[], now: Settings) => void }) {}

  get(): Settings {
    const stored = settingsRepo.readSettings(this.deps.db())
    return {
      locale: stored.locale === 'en' ? 'en' : DEFAULT_SETTINGS.locale,
      lastArticleId: typeof stored.lastArticleId === 'string' ? stored.lastArticleId : null,
      userName: typeof stored.userName === 'string' ? stored.userName : DEFAULT_SETTINGS.userName,
      role: stored.role === 'editor' ? 'editor' : DEFAULT_SETTINGS.role,
      lockAfterMinutes: (LOCK_AFTER_CHOICES as readonly unknown[]).includes(stored.lockAfterMinutes) ? (stored.lockAfterMinutes as number) : DEFAULT_SETTINGS.lockAfterMinutes,
      theme: stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : DEFAULT_SETTINGS.theme,
      textSize: (TEXT_SIZES as readonly unknown[]).includes(stored.textSize) ? (stored.textSize as number) : DEFAULT_SETTINGS.textSize,
      monthNames: (MONTH_NAMES as readonly unknown[]).includes(stored.monthNames) ? (stored.monthNames as Settings['monthNames']) : DEFAULT_SETTINGS.monthNames,
      digits: (DIGITS as readonly unknown[]).includes(stored.digits) ? (stored.digits as Settings['digits']) : DEFAULT_SETTINGS.digits,
      updateServer: typeof stored.updateServer === 'string' && isUpdateServerUrl(stored.updateServer) ? stored.updateServer : null,
      uploadMaxSide: (UPLOAD_SIDES as readonly unknown[]).includes(stored.uploadMaxSide) ? (stored.uploadMaxSide as number) : DEFAULT_SETTINGS.uploadMaxSide,
      network: isNetworkSetting(stored.network) ? { mode: stored.network.mode, host: stored.network.host, port: stored.network.port } : DEFAULT_NETWORK
    }
  }

  update(patch: Partial<Settings>): Settings {
    const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
    settingsRepo.writeSettings(this.deps.db(), values)
    const now = this.get()
    this.deps.onChange?.(Object.keys(values) as (keyof Settings)[], now)
    return now
  }
}
