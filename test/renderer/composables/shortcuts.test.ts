import { describe, expect, it } from 'vitest';
import { commandFor } from '../../../renderer/src/composables/shortcuts.js';

const k = (key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({ key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe("Wireshark's shortcuts", () => {
  it.each([
    [k('e', { ctrlKey: true }), 'capture-toggle'],
    [k('k', { ctrlKey: true }), 'capture-options'],
    [k('o', { ctrlKey: true }), 'open'],
    [k('S', { ctrlKey: true, shiftKey: true }), 'save-as'],
    [k('O', { ctrlKey: true, shiftKey: true }), 'open-recent'],
    [k('X', { ctrlKey: true, shiftKey: true }), 'export'],
    [k('g', { ctrlKey: true }), 'go-to'],
    [k('f', { ctrlKey: true }), 'find'],
    [k('n', { ctrlKey: true }), 'find-next'],
    [k('b', { ctrlKey: true }), 'find-previous'],
    [k('m', { ctrlKey: true }), 'mark'],
    [k('.', { ctrlKey: true }), 'next-in-conversation'],
    [k(',', { ctrlKey: true }), 'previous-in-conversation'],
    [k('ArrowLeft', { altKey: true }), 'back'],
    [k('ArrowRight', { altKey: true }), 'forward'],
    [k('ArrowUp', { ctrlKey: true }), 'up'],
    [k('ArrowDown', { ctrlKey: true }), 'down'],
    [k('Home', { ctrlKey: true }), 'first'],
    [k('End', { ctrlKey: true }), 'last'],
    [k('=', { ctrlKey: true }), 'zoom-in'],
    [k('-', { ctrlKey: true }), 'zoom-out'],
    [k('t', { ctrlKey: true }), 'time-reference'],
    [k('F5'), 'refresh-interfaces'],
  ])('%o → %s', (e, c) => expect(commandFor(e)).toBe(c));

  it('plain keys are left to the focused widget', () => {
    expect(commandFor(k('ArrowDown'))).toBeUndefined();
    expect(commandFor(k('m'))).toBeUndefined();
  });
});
