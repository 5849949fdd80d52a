/** Keeps one broken panel from blanking the page: shows the error and a button that remounts the children. */
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

interface State { error: Error | null; generation: number }

export class ErrorBoundary extends Component<{ children: ReactNode; label?: string }, State> {
  override state: State = { error: null, generation: 0 };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.label ?? 'page'} crashed:`, error, info.componentStack);
  }

  private reset = () => this.setState((s) => ({ error: null, generation: s.generation + 1 }));

  override render() {
    if (this.state.error) {
      return (
        <div className="card crash" role="alert" data-testid="error-boundary">
          <h2 className="card__title">Something in this part of the page broke</h2>
          <pre className="crash__message">{this.state.error.message}</pre>
          <button type="button" className="btn btn--primary" onClick={this.reset}>Reset</button>
        </div>
      );
    }
    // a new key remounts the children with fresh local state
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}
