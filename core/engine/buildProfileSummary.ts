import type { PrivacyStatus } from '../privacy/PrivacyStatus';
import type { ProfileSummary, StorageKind } from './types';

/** What the engine knows of a profile: the learned half of {@link ProfileSummary}. */
export type LearnedSummary = Pick<ProfileSummary, 'events' | 'updatedAt' | 'interests' | 'modelVersion'>;

/** What sync knows of a profile: the reported half of {@link ProfileSummary}. */
export interface ReportingSummary {
  privacy: PrivacyStatus;
  lastSyncAt: number | null;
}

/** A profile with nothing learned (consent not granted, or no worker yet). */
export const NOTHING_LEARNED: Readonly<LearnedSummary> = { events: 0, updatedAt: null, interests: [], modelVersion: null };

/**
 * The one place a {@link ProfileSummary} is put together: the engine, the owner tab (with its sync
 * client's ledger) and the page (before any worker) all call it.
 * @param learned - events, interests and model version from the engine.
 * @param reporting - the privacy ledger's status and the last report's time.
 * @param storage - where the profile lives.
 * @returns the summary `profile()` answers.
 */
export function buildProfileSummary(learned: LearnedSummary, reporting: ReportingSummary, storage: StorageKind): ProfileSummary {
  const { events, updatedAt, interests, modelVersion } = learned;
  return { events, updatedAt, interests, modelVersion, privacy: reporting.privacy, lastSyncAt: reporting.lastSyncAt, storage };
}
