import { Fragment } from 'react';
import { Link } from '@backstage/core-components';

/** A piece of a sentence: plain text, or a pipeline it names. */
export type PipelinePiece = string | { pipeline: string; text: string };

// "pipeline 8812", "pipeline build-42"; a sentence's comma, colon or full stop after it is not part of the name.
const MENTION = /\bpipeline ([^\s,;()]+?)(?=[.:]?(?:[\s,;()]|$))/g;

/** Splits a sentence at each pipeline it names ("failed in pipeline 103, then passed"). */
export function pipelinePieces(text: string): PipelinePiece[] {
  const pieces: PipelinePiece[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    const at = m.index ?? 0;
    if (at > last) pieces.push(text.slice(last, at));
    pieces.push({ pipeline: m[1], text: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

/**
 * The CI run of each pipeline, from runs listed newest first: the newest run of a pipeline that has a
 * link (the collector accepts only http and https run links).
 */
export function runUrlsByPipeline(
  runs: ReadonlyArray<{ pipeline: string; runUrl: string }>,
): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const r of runs) {
    if (r.pipeline && r.runUrl && !(r.pipeline in urls)) {
      urls[r.pipeline] = r.runUrl;
    }
  }
  return urls;
}

/** A sentence whose pipelines link to their CI runs where a run link is known. */
export const PipelineLinks = ({
  text,
  runUrls,
}: {
  text: string;
  runUrls: Record<string, string>;
}) => (
  <>
    {pipelinePieces(text).map((piece, i) => {
      if (typeof piece === 'string') {
        return <Fragment key={i}>{piece}</Fragment>;
      }
      const url = runUrls[piece.pipeline];
      return url ? (
        <Link key={i} to={url} data-testid="pipeline-link">
          {piece.text}
        </Link>
      ) : (
        <Fragment key={i}>{piece.text}</Fragment>
      );
    })}
  </>
);
