/** "+18015551234, +18015551235 and 3 more": keeps channel lines short. */
export function listNumbers(numbers: readonly string[], max = 5): string {
  if (numbers.length <= max) return numbers.join(', ');
  return `${numbers.slice(0, max).join(', ')} and ${numbers.length - max} more`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
