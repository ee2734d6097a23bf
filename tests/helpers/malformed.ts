// Malformed items every stage after the reader must survive (wrong types everywhere, nulls, empty things,
// deep nesting, prototype keys, a cycle): the rule sweep (tests/rules/registry) and the cross-level sweep
// (tests/levels/malformed) feed each of them through. A cycle cannot come out of the reader (an alias that
// contains itself is a yaml-syntax finding), but a rule must not depend on that.
import type { Item } from '../../src/catalog/types.js';
import { validItem, withItem } from './item.js';

export function malformedItems(): [string, Item][] {
  const odd: unknown[] = [null, undefined, 0, -1, 1.5, Number.NaN, Infinity, '', ' ', 'TODO', '无', true, [], {}, [null], [[]], { days: null }];
  const keys = Object.keys(validItem()).concat('cancelDate', 'mobileUrl', 'localCatalogCode');
  const cases: [string, Item][] = [['empty mapping', {}]];
  for (const key of keys) {
    for (const value of odd) cases.push([`${key}: ${String(JSON.stringify(value))}`, withItem({ [key]: value })]);
  }
  for (const value of odd) {
    cases.push([`every element ${String(JSON.stringify(value))}`, Object.fromEntries(keys.map((k) => [k, value]))]);
    cases.push([`dept fields ${String(JSON.stringify(value))}`, withItem({ dept: { name: value, creditCode: value, nature: value, entrustedBy: value } })]);
    cases.push([`limits ${String(JSON.stringify(value))}`, withItem({ promisedLimit: { days: value, unit: value }, statutoryLimit: { days: value, unit: value } })]);
    cases.push([`list entries ${String(JSON.stringify(value))}`, withItem({ materials: [value, value], steps: [value, { name: value, days: value }], places: [value] })]);
    cases.push([`fee ${String(JSON.stringify(value))}`, withItem({ fee: { charged: true, basis: value, items: value } })]);
    const material = { name: value, necessity: value, type: value, format: value, blankForm: value, example: value };
    cases.push([`material members ${String(JSON.stringify(value))}`, withItem({ materials: [material, material] })]);
    cases.push([`identity lists ${String(JSON.stringify(value))}`, withItem({
      basis: [{ law: value, article: value }, { law: value }], places: [{ address: value }, value],
      specialProcedures: [{ name: value }, { name: value }], intermediaries: [value, { name: value }],
    })]);
    cases.push([`handling items ${String(JSON.stringify(value))}`, withItem({
      handlingItems: [value, { seq: value, name: value, materials: [material, value], steps: value }, { seq: value }],
    })]);
    cases.push([`lifecycle and flags ${String(JSON.stringify(value))}`, withItem({
      status: value, cancelDate: value, type: value, powerSource: value, onlineDepth: [value, '互联网受理'], express: value, visits: value,
    })]);
  }
  const loop: Record<string, unknown> = {};
  loop.loop = loop;
  cases.push(['a cycle', withItem({ result: loop, steps: [loop] })]);
  cases.push(['prototype keys', withItem({ ['__proto__']: 'TODO', constructor: 'TODO', toString: 1 })]);
  return cases;
}
