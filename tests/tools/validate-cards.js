#!/usr/bin/env node
// Checks Adaptive Cards with Microsoft's own parser (adaptivecards 3.0.6).
//   node validate-cards.js <directory of .json cards | card.json ...>
// Fails (exit 1, one line per problem: file and message) on any serialization
// event (unknown element or action types, unknown property values, ...) and on any
// validateProperties() event (inputs without labels, duplicate ids, too many
// actions for the host...): zero errors and zero warnings pass.
// adaptivecards is ESM with extensionless imports that Node 20 cannot require, so
// this loads its UMD bundle with a jsdom window as the globals it expects.
//
// Host config: Teams allows six primary actions and puts actions with mode
// "secondary" in an overflow menu. The SDK's default host config says five, and its
// TooManyActions check counts every action, overflow included; so cards are checked
// with maxActions 6, and a TooManyActions event is a failure only when the card has
// more than six primary actions (the overflow ones are still parsed and validated
// like any other action). Beyond the SDK, every input must have a label.
'use strict';
const fs = require('fs');
const path = require('path');
const { JSDOM } = require('jsdom');

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
for (const name of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'DOMParser']) {
  if (!(name in globalThis)) globalThis[name] = name === 'window' ? dom.window : dom.window[name];
}
const AC = require(path.join(__dirname, 'node_modules/adaptivecards/dist/adaptivecards.js'));

function files(args) {
  const out = [];
  for (const arg of args) {
    if (fs.statSync(arg).isDirectory()) {
      for (const name of fs.readdirSync(arg).sort()) if (name.endsWith('.json')) out.push(path.join(arg, name));
    } else {
      out.push(arg);
    }
  }
  return out;
}

function describe(event) {
  const level = AC.ValidationEvent && event.phase !== undefined ? ` [phase ${event.phase}]` : '';
  return `${AC.ValidationEvent ? AC.ValidationEvent[event.event] ?? event.event : event.event}${level}: ${event.message}`;
}

const kTeamsMaxActions = 6;

function primaryActionCount(owner) {
  let n = 0;
  for (let i = 0; i < owner.getActionCount(); i++) if (owner.getActionAt(i).mode !== AC.ActionMode.Secondary) n++;
  return n;
}

function isOverflowOnly(event) {
  return event.event === AC.ValidationEvent.TooManyActions && event.source &&
    typeof event.source.getActionCount === 'function' && primaryActionCount(event.source) <= kTeamsMaxActions;
}

function validate(file) {
  const problems = [];
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not JSON: ${e.message}`];
  }
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({ actions: { maxActions: kTeamsMaxActions } });
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${describe(context.getEventAt(i))}`);
  for (const event of card.validateProperties().validationEvents) {
    if (isOverflowOnly(event)) continue;
    problems.push(`validate: ${describe(event)}`);
  }
  // The SDK asks labels of required inputs only; every input gets one here (screen readers).
  for (const input of card.getAllInputs()) if (!input.label) problems.push(`input "${input.id}" has no label`);
  return problems;
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node validate-cards.js <directory | card.json ...>');
  process.exit(2);
}
const list = files(args);
if (list.length === 0) {
  console.error('FAIL: no .json cards found in ' + args.join(' '));
  process.exit(1);
}
let failed = 0;
for (const file of list) {
  const problems = validate(file);
  if (problems.length === 0) continue;
  failed++;
  for (const p of problems) console.log(`${path.basename(file)}: ${p}`);
}
console.log(`${list.length - failed} of ${list.length} cards valid (adaptivecards ${AC.Versions ? AC.Versions.latest.toString() : ''})`);
process.exit(failed === 0 ? 0 : 1);
