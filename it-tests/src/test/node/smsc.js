// An operator's SMSC written with node-smpp's server side, for the hub's tests of its smpp channel: takes binds with
// one system_id and password, answers each submit_sm with a message_id in hex, sends a delivery receipt when one was
// asked for, delivers the inbound SMS the plan lists once a receiver binds, and prints every event as a JSON line.
//
//   node smsc.js SYSTEM_ID PASSWORD PLAN_JSON
//
// PLAN_JSON: { "mo": [ { "from": "+62...", "to": "9123", "text": "REG QUIZ" } ] }
// The first line printed is {"event":"listening","port":N}.
'use strict';
const smpp = require('smpp');

const [systemId, password, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson || '{}');
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');
let next = 0xA000;
let moSent = false;

const server = smpp.createServer((session) => {
  const bind = (pdu) => {
    if (pdu.system_id !== systemId || pdu.password !== password) {
      session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
      out({ event: 'bind_refused', system_id: pdu.system_id });
      session.close();
      return;
    }
    session.send(pdu.response({ system_id: 'node-smsc' }));
    out({ event: 'bound', command: pdu.command, system_id: pdu.system_id });
    if (pdu.command !== 'bind_transmitter' && !moSent) {
      moSent = true;
      (plan.mo || []).forEach((m) => {
        session.deliver_sm({ source_addr: m.from.replace(/^\+/, ''), source_addr_ton: 1, destination_addr: m.to,
          short_message: m.text }, (resp) => out({ event: 'mo_resp', command_status: resp.command_status }));
      });
    }
  };
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('bind_receiver', bind);
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => { session.send(pdu.response()); session.close(); });
  session.on('submit_sm', (pdu) => {
    const id = (next++).toString(16).toUpperCase();
    const sm = pdu.short_message && pdu.short_message.message !== undefined ? pdu.short_message.message
      : String(pdu.short_message);
    session.send(pdu.response({ message_id: id }));
    out({ event: 'submit_sm', message_id: id, source_addr: pdu.source_addr, destination_addr: pdu.destination_addr,
      data_coding: pdu.data_coding, esm_class: pdu.esm_class, text: sm,
      registered_delivery: pdu.registered_delivery });
    if (pdu.registered_delivery & 1) {
      setTimeout(() => {
        const text = `id:${id} sub:001 dlvrd:001 submit date:2612071200 done date:2612071201 stat:DELIVRD err:000 text:`;
        session.deliver_sm({ source_addr: pdu.destination_addr, destination_addr: pdu.source_addr, esm_class: 4,
          short_message: text, receipted_message_id: id, message_state: 2 },
        (resp) => out({ event: 'receipt_resp', message_id: id, command_status: resp.command_status }));
      }, 50);
    }
  });
  session.on('error', (e) => out({ event: 'session_error', message: String(e) }));
});
server.listen(0, '127.0.0.1', () => out({ event: 'listening', port: server.address().port }));
