import { describe, expect, it } from 'vitest';
import { LIVE_TEXT_ATTRIBUTE, historyCommand, prefersNativeUndo } from './history-keys.js';

const key = (
  k: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('historyCommand', () => {
  it('maps the usual shortcuts', () => {
    expect(historyCommand(key('z', { ctrl: true }))).toBe('undo');
    expect(historyCommand(key('z', { meta: true }))).toBe('undo');
    expect(historyCommand(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(historyCommand(key('z', { meta: true, shift: true }))).toBe('redo');
    expect(historyCommand(key('y', { ctrl: true }))).toBe('redo');
  });

  it('ignores other keys and modifiers', () => {
    expect(historyCommand(key('z'))).toBeNull();
    expect(historyCommand(key('z', { ctrl: true, alt: true }))).toBeNull();
    expect(historyCommand(key('y', { meta: true }))).toBeNull();
    expect(historyCommand(key('x', { ctrl: true }))).toBeNull();
  });
});

const el = (tagName: string, opts: { type?: string; live?: boolean } = {}) => ({
  tagName,
  type: opts.type,
  hasAttribute: (name: string) => name === LIVE_TEXT_ATTRIBUTE && opts.live === true,
});

describe('prefersNativeUndo', () => {
  it('lets the browser undo in local text inputs', () => {
    expect(prefersNativeUndo(el('INPUT', { type: 'text' }))).toBe(true);
    expect(prefersNativeUndo(el('TEXTAREA'))).toBe(true);
  });

  it('uses the board undo in live texts and outside text inputs', () => {
    expect(prefersNativeUndo(el('INPUT', { type: 'text', live: true }))).toBe(false);
    expect(prefersNativeUndo(el('TEXTAREA', { live: true }))).toBe(false);
    expect(prefersNativeUndo(el('BUTTON'))).toBe(false);
    expect(prefersNativeUndo(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(prefersNativeUndo(null)).toBe(false);
  });
});
