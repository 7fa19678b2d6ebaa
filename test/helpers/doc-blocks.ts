/** Fenced code blocks of a Markdown document, for tests that run or check the code the docs show. */

export interface CodeBlock {
  /** The info string's first word ("js", "ts", "text", "sh", …; "" when none). */
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** For a js/ts block: the `text` block that is the next fenced block, i.e. what the doc says it prints. */
  output?: string;
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.startsWith(fence)) j++;
    blocks.push({ lang: open[2]!.toLowerCase(), code: lines.slice(i + 1, j).join('\n'), line: i + 1 });
    i = j;
  }
  blocks.forEach((b, k) => {
    const next = blocks[k + 1];
    if ((b.lang === 'js' || b.lang === 'ts') && next?.lang === 'text') b.output = next.code;
  });
  return blocks;
}

/** The `import … from 'qaxai…'` statements of a block (each may span lines). */
export function packageImports(code: string, name: string): string[] {
  const re = new RegExp(`^import\\s[^;]*?from\\s+'${name}(?:/[\\w-]+)?';`, 'gms');
  return code.match(re) ?? [];
}
