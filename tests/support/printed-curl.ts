/**
 * The curl command in what `npm start` printed: from the line starting `curl ` through the last
 * line ending in a backslash continuation, exactly as a user would select and paste it.
 */
export function printedCurl(text: string): string {
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.startsWith("curl "));
  if (first < 0) throw new Error("no curl command in the printed text");
  const command: string[] = [];
  for (const line of lines.slice(first)) {
    command.push(line);
    if (!line.endsWith("\\")) break;
  }
  return command.join("\n");
}
