/** Shortening text for display: the one place where messages, hovers, pickers and reports cut text. */

/** Shortens text to at most `max` characters, at a word boundary when one is near, with an ellipsis; runs of whitespace become one space. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut) + '…';
}
