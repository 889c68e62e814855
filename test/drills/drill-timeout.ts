/**
 * Drills that kill and restart a real app process (tsx, PGlite): alone ~30 s, but three vitest workers on
 * two cores can triple that. Their claims are about posts, DMs and mutations, not time: a generous timeout.
 */
export const DRILL_TIMEOUT_MS = 240_000;
