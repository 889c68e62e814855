import { formatPhones } from './glossary.js';

/** "(801) 555-1234, (801) 555-1235 and 3 more": keeps channel lines short. */
export function listNumbers(numbers: readonly string[], max = 5): string {
  return formatPhones(numbers, max);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
