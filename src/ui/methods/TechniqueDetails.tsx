/** The explanation, formula and references of a method or regulariser, as the registry states them. */
import type { PaperReference, TechniqueInfo } from './methodInfo';

function Reference({ r }: { r: PaperReference }) {
  const name = r.title ? `“${r.title}”` : r.venue;
  return (
    <li>
      {r.authors}, {r.url ? <a href={r.url} target="_blank" rel="noreferrer">{name}</a> : name}
      {r.title ? `, ${r.venue}` : ''}.
    </li>
  );
}

export function TechniqueDetails({ info, testId }: { info: TechniqueInfo; testId?: string }) {
  return (
    <div className="method-info" data-testid={testId}>
      <p>{info.explanation}</p>
      <pre className="formula">{info.formula}</pre>
      <ul className="references" aria-label="References">
        {info.references.map((r) => <Reference key={r.url ?? r.venue} r={r} />)}
      </ul>
    </div>
  );
}
