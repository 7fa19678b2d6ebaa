/** qaxai's web app: the explainer (/) and the anneal lab (/lab), served by `qaxai serve`. */

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getInfo, type Info } from './api';
import { ExplainerPage } from './pages/explainer';
import { LabPage } from './pages/lab';
import './style.css';

type Page = 'explainer' | 'lab';
const pageOf = (path: string): Page => (path.startsWith('/lab') ? 'lab' : 'explainer');

function App() {
  const [page, setPage] = useState<Page>(pageOf(location.pathname));
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getInfo()
      .then(setInfo)
      .catch((e) => setError(String((e as Error).message ?? e)));
    const onPop = () => setPage(pageOf(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const go = (p: Page) => (e: Event) => {
    e.preventDefault();
    history.pushState(null, '', p === 'lab' ? '/lab' : '/');
    setPage(p);
  };
  return (
    <>
      <header>
        <span class="brand">qaxai</span>
        <nav>
          <a
            href="/"
            class={page === 'explainer' ? 'active' : ''}
            onClick={go('explainer')}
            data-testid="nav-explainer"
          >
            Explainer
          </a>
          <a href="/lab" class={page === 'lab' ? 'active' : ''} onClick={go('lab')} data-testid="nav-lab">
            Anneal lab
          </a>
        </nav>
        <span class="muted small tagline">
          quantum-annealing feature selection for explanations · closed-system annealing lab
        </span>
      </header>
      <main>
        {error && <div class="error">Could not reach the server: {error}</div>}
        {!info && !error && <p class="muted">Loading…</p>}
        {info && (page === 'lab' ? <LabPage info={info} /> : <ExplainerPage info={info} />)}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
