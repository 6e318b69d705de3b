import { fold } from './decider.js';

describe('fold', () => {
  it('folds events from the initial state in order', () => {
    const decider = { initialState: () => [] as string[], evolve: (s: string[], e: { type: string; data: object }) => [...s, e.type] };
    expect(fold(decider, [{ type: 'A', data: {} }, { type: 'B', data: {} }])).toEqual(['A', 'B']);
  });
});
