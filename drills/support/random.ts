/** A small seeded PRNG (mulberry32) so a drill's random kill moments and changes can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A seed from the command line (`--seed=123`) or a fresh one. */
export function seedFromArgs(argv: string[] = process.argv): number {
  const given = argv.find((a) => a.startsWith('--seed='))?.slice('--seed='.length);
  return given ? Number(given) : Math.floor(Math.random() * 1_000_000);
}
