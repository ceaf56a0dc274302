// The extension's one log: a LogOutputChannel named "CockroachDB". Every line
// goes through `redact`, so tokens, keys and passwords never reach it.
import * as vscode from 'vscode';
import { redact } from './redact';

export class Logger implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(name = 'CockroachDB') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** A logger whose lines start with `[component]`. */
  scoped(component: string): ScopedLogger {
    return new ScopedLogger(this.channel, component);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export class ScopedLogger {
  constructor(
    private readonly channel: vscode.LogOutputChannel,
    private readonly component: string,
  ) {}

  private line(message: string): string {
    return redact(`[${this.component}] ${message}`);
  }

  trace(message: string): void {
    this.channel.trace(this.line(message));
  }
  debug(message: string): void {
    this.channel.debug(this.line(message));
  }
  info(message: string): void {
    this.channel.info(this.line(message));
  }
  warn(message: string): void {
    this.channel.warn(this.line(message));
  }
  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error !== undefined ? `: ${String(error)}` : '';
    this.channel.error(this.line(message + detail));
  }
}
