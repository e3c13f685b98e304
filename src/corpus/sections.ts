import { lastStartingBy } from './byOffset.ts';
import type { DocumentBlock, LocationMarker, Section } from './corpusDocument.ts';
import type { ExtractedBlock } from './formats/extractedDocument.ts';

/**
 * Each heading starts a section that runs to the next heading; its path holds the headings above it (the
 * nearest heading of each higher level) and its own. The anchor is the one its location marker names.
 */
export function sectionsOf(text: string, blocks: readonly ExtractedBlock[], locations: readonly LocationMarker[]): Section[] {
  const sections: Section[] = [];
  const path: { depth: number; text: string }[] = [];
  const headings = blocks.filter((block) => block.kind === 'heading');
  headings.forEach((heading, i) => {
    const depth = heading.depth ?? 1;
    while (path.length > 0 && path.at(-1)!.depth >= depth) path.pop();
    path.push({ depth, text: text.slice(heading.start, heading.end) });
    const marker = lastStartingBy(locations, heading.start);
    const location = marker?.start === heading.start ? marker : undefined;
    sections.push({
      start: heading.start,
      end: headings[i + 1]?.start ?? text.length,
      headings: path.map((level) => level.text),
      ...(location?.anchor && { anchor: location.anchor }),
    });
  });
  return sections;
}

/** The section a text offset lies in, or undefined before the first heading. */
export function sectionAt(sections: readonly Section[], offset: number): Section | undefined {
  return lastStartingBy(sections, offset);
}

/** The block holding a text offset (blocks are in order and do not overlap). */
export function blockAt(blocks: readonly DocumentBlock[], offset: number): DocumentBlock | undefined {
  const block = lastStartingBy(blocks, offset);
  return block && offset < block.end ? block : undefined;
}
