import { describe, expect, it } from 'vitest';
import { todo } from '../../src/rules/todo.js';
import { check, validItem, withItem } from '../helpers/item.js';

describe('todo', () => {
  it('is silent on a filled-in item', () => {
    expect(check(todo, validItem())).toEqual([]);
  });

  it('reports each TODO value with a pointer to it, however deep', () => {
    const item = validItem();
    item.taskCode = 'TODO';
    (item.dept as Record<string, unknown>).name = 'TODO';
    (item.places as Record<string, unknown>[])[0]!.address = 'TODO';
    item.handlingForms = ['窗口办理', 'TODO'];
    const paths = check(todo, item).map((p) => p.path);
    expect(paths).toEqual(['/taskCode', '/dept/name', '/handlingForms/1', '/places/0/address']);
  });

  it('escapes ~ and / in keys as JSON Pointer requires', () => {
    const problems = check(todo, withItem({ 'a/b~c': 'TODO' }));
    expect(problems.map((p) => p.path)).toEqual(['/a~1b~0c']);
  });

  it('names the path in the message', () => {
    const [problem] = check(todo, withItem({ consultPhone: 'TODO' }));
    expect(problem!.message.zh).toContain('/consultPhone');
    expect(problem!.message.zh).toContain('TODO');
    expect(problem!.message.en).toContain('/consultPhone');
  });

  it('only matches the exact string: not lower case, padded, embedded, or a TODO key', () => {
    const item = withItem({
      conditions: 'todo',
      handleArea: ' TODO',
      visitsReason: 'TODO: 补充',
      result: { TODO: 1 },
    });
    expect(check(todo, item)).toEqual([]);
  });

  it('survives a cyclic structure (YAML aliases)', () => {
    const item = validItem();
    const loop: Record<string, unknown> = { x: 'TODO' };
    loop.self = loop;
    item.result = loop;
    expect(check(todo, item).map((p) => p.path)).toEqual(['/result/x']);
  });

  it('reports a value shared through an alias at each place it appears', () => {
    const shared = { address: 'TODO', hours: '9:00' };
    const problems = check(todo, withItem({ places: [shared, shared] }));
    expect(problems.map((p) => p.path)).toEqual(['/places/0/address', '/places/1/address']);
  });
});

describe('todo with the source text', () => {
  it('finds a quoted TODO and skips a file whose source has none', () => {
    const item = withItem({ consultPhone: 'TODO' });
    expect(check(todo, item, { text: 'consultPhone: "TODO"\n' })).toHaveLength(1);
    expect(check(todo, withItem({}), { text: 'name: 养老\n' })).toEqual([]);
  });
});
