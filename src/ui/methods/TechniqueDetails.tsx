/** The explanation, formula and references of a method or modifier, as the registry states them. */
import type { ReactNode } from 'react';
import { Formula } from '../math/Formula';
import { referenceUrl, RECONSTRUCTION_NOTE, type PaperReference, type TechniqueInfo } from './methodInfo';
import { ReconstructionBadge } from './ReconstructionBadge';

export function Reference({ r }: { r: PaperReference }) {
  const url = referenceUrl(r);
  const name = r.title ? `“${r.title}”` : `${r.venue} ${r.year}`;
  return (
    <li>
      {r.authors.endsWith('.') ? r.authors : `${r.authors}.`} {url ? <a href={url} target="_blank" rel="noreferrer">{name}</a> : name}
      {r.title ? `, ${r.venue} ${r.year}` : ''}
      {r.arxiv ? <span className="nowrap"> · arXiv {r.arxiv}</span> : null}.
    </li>
  );
}

export function References({ refs }: { refs: readonly PaperReference[] }) {
  return (
    <ul className="references" aria-label="References">
      {refs.map((r) => <Reference key={r.arxiv ?? r.title ?? r.authors} r={r} />)}
    </ul>
  );
}

/** `picture`: drawn after the explanation (the method diagram) */
export function TechniqueDetails({ info, testId, picture }: { info: TechniqueInfo; testId?: string; picture?: ReactNode }) {
  return (
    <div className="method-info" data-testid={testId}>
      {info.reconstruction && (
        <p className="method-info__recon">
          <ReconstructionBadge noteShownBeside /> <span className="method-info__recon-text">{RECONSTRUCTION_NOTE}.</span>
        </p>
      )}
      <p>{info.explanation}</p>
      {picture}
      <Formula lines={info.formula} label={`${info.short} formula`} />
      {/* the explanation and formula stay in view; the rest folds, so the settings column stays short */}
      <details className="method-info__more">
        <summary>Symbols, what we measured, papers</summary>
        <p className="method-info__symbols">{info.symbols}</p>
        {info.measured && <p className="method-info__measured" data-testid="method-measured">{info.measured}</p>}
        <References refs={info.references} />
      </details>
    </div>
  );
}
