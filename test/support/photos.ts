import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * Real camera and phone photos with GPS, serials, XMP, IPTC, thumbnails and ICC
 * profiles (../shared/fixtures/photos; SOURCE.md there says where each is from).
 * Read from there, never copied into the repository.
 */
export const PHOTOS_DIR = resolve(__dirname, '../../../shared/fixtures/photos')
export const havePhotos = existsSync(`${PHOTOS_DIR}/expected.json`)
if (!havePhotos) console.warn(`[photos] ${PHOTOS_DIR} is absent: the real-photo tests are skipped`)

export interface ExpectedPhoto {
  file: string
  format: 'jpeg' | 'png' | 'webp' | 'heic'
  exifOrientation: number | null
  iccProfile: string | null
  serials: string[]
  locationText: string[]
  asciiMustNotSurvive: string[]
}

export const expectedPhotos = (): ExpectedPhoto[] => (havePhotos ? (JSON.parse(readFileSync(`${PHOTOS_DIR}/expected.json`, 'utf8')) as ExpectedPhoto[]) : [])

export const haveExiftool = (() => {
  try {
    execFileSync('exiftool', ['-ver'], { stdio: 'pipe' })
    return true
  } catch {
    console.warn('[photos] exiftool is not installed (bash scripts/test-deps.sh installs it): its checks are skipped')
    return false
  }
})()

/** Every tag ExifTool finds, as "Group:Tag" → value. */
export function exiftoolTags(file: string): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-a', '-G1', '-n', '-u', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return (JSON.parse(out) as Record<string, unknown>[])[0]!
}

/** The ICC profile's bytes as ExifTool extracts them (empty when there is none). */
export function exiftoolIcc(file: string): Buffer {
  return execFileSync('exiftool', ['-b', '-ICC_Profile', file], { maxBuffer: 64 * 1024 * 1024 })
}

/** Groups whose tags can only be metadata about the photo, its taker, place or camera. */
const FORBIDDEN_GROUP =
  /^(GPS|ExifIFD|IFD1|IFD2|SubIFD\d*|InteropIFD|XMP(-.*)?|IPTC|Photoshop|MakerNotes|Apple|Canon\w*|Nikon\w*|Sony\w*|DJI|FlashPix|MPF\d*|MPImage\d*|PrintIM|PreviewIFD|JFXX|Comment)$/
/** Tag names that identify a person, a place, a time or a device, in any group ICC profiles aside. */
const FORBIDDEN_TAG =
  /GPS|Serial|DateTimeOriginal|CreateDate|ModifyDate|DateCreated|TimeCreated|DateTimeDigitized|Owner|Creator|Artist|Author|City|Country|Province|State$|Location|Sublocation|XP(Title|Subject|Comment|Author|Keywords)|Thumbnail|Preview|^Make$|^Model$|Lens|Software|Comment|DocumentID|InstanceID|MediaGroupUUID|SensorID|Altitude|Yaw|Pitch|Roll|Keywords|Rights|Copyright/

/** What identifying metadata ExifTool still reads in a file ("Group:Tag"), ICC profile facts and file-system facts aside. */
export function identifyingTags(tags: Record<string, unknown>): string[] {
  return Object.keys(tags).filter((key) => {
    const [group, tag] = key.includes(':') ? (key.split(':') as [string, string]) : ['', key]
    if (group === 'System' || group === 'ExifTool' || group.startsWith('ICC')) return false
    if (group === 'IFD0' && tag === 'Orientation') return false
    return FORBIDDEN_GROUP.test(group) || FORBIDDEN_TAG.test(tag) || group === 'IFD0'
  })
}

/** A text as ASCII and as UTF-16LE (Windows XP* tags), to search raw bytes for it. */
export function encodings(text: string): Buffer[] {
  return [Buffer.from(text, 'latin1'), Buffer.from(text, 'utf16le')]
}
