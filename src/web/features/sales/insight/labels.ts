import type { Locale } from '../../../lib/types.js';
import { formatMinor } from '../../../lib/format.js';

export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export const FEEDBACK_CATEGORIES = ['price', 'feature', 'competitor', 'service', 'other'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

export const money = (minor: number | null | undefined, locale: Locale) => formatMinor(minor, locale);
export const percent = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`);
export const times = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${ratio.toFixed(2)}×`);
