// An SMPP application (ESME) written with node-smpp, for the hub's tests: binds, submits what the plan says, answers
// each deliver_sm, and prints every event as a JSON line on standard output.
//
//   node esme.js HOST PORT SYSTEM_ID PASSWORD PLAN_JSON
//
// PLAN_JSON: { "bind": "transceiver"|"transmitter"|"receiver", "submits": [ { "to", "from", "text", "coding"
//   ("GSM"|"UCS2"|"LATIN1", default: node-smpp's choice), "registered_delivery", "long" ("udh"|"sar"|"payload") } ],
//   "receipts": N (receipts to wait for before unbinding), "deliveries": N (other deliver_sm: inbound SMS),
//   "timeoutMs": 30000 }
'use strict';
const smpp = require('smpp');

const [host, port, systemId, password, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson);
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const codings = { GSM: 0x00, LATIN1: 0x03, UCS2: 0x08 };

const session = smpp.connect({ url: `smpp://${host}:${port}`, auto_enquire_link_period: 10000 });
let receipts = 0;
let deliveries = 0;
let pending = 0;
let done = false;

const finish = (code) => {
  if (done) return;
  done = true;
  session.unbind(() => { session.close(); process.exit(code); });
  setTimeout(() => process.exit(code), 2000);
};
setTimeout(() => { out({ event: 'timeout' }); finish(2); }, plan.timeoutMs || 30000);
session.on('error', (e) => { out({ event: 'error', message: String(e) }); process.exit(3); });
session.on('close', () => { if (!done) { out({ event: 'closed' }); process.exit(4); } });

session.on('deliver_sm', (pdu) => {
  session.send(pdu.response());
  const sm = pdu.short_message && pdu.short_message.message !== undefined ? pdu.short_message.message
    : String(pdu.short_message);
  out({ event: 'deliver_sm', esm_class: pdu.esm_class, source_addr: pdu.source_addr,
    destination_addr: pdu.destination_addr, short_message: sm,
    receipted_message_id: pdu.receipted_message_id, message_state: pdu.message_state });
  if (pdu.esm_class & 0x04) receipts++; else deliveries++;
  maybeDone();
});

const maybeDone = () => {
  if (pending === 0 && receipts >= (plan.receipts || 0) && deliveries >= (plan.deliveries || 0)) finish(0);
};

// The parts of a long text, split on characters as a phone would: 153 GSM characters, 67 UCS-2 ones.
const parts = (text, ucs2, size) => {
  const chars = Array.from(text);
  const per = size || (ucs2 ? 67 : 153);
  const out = [];
  for (let i = 0; i < chars.length; i += per) out.push(chars.slice(i, i + per).join(''));
  return out;
};

const submitOne = (i, pdu, label) => {
  pending++;
  session.submit_sm(pdu, (resp) => {
    pending--;
    out({ event: 'submit_sm_resp', i, part: label, command_status: resp.command_status, message_id: resp.message_id });
    maybeDone();
  });
};

const submit = (s, i) => {
  const base = { destination_addr: s.to, source_addr: s.from || '', registered_delivery: s.registered_delivery || 0 };
  if (s.coding) base.data_coding = codings[s.coding];
  const ucs2 = s.coding === 'UCS2';
  if (!s.long) {
    submitOne(i, Object.assign({}, base, { short_message: s.text }), 1);
  } else if (s.long === 'payload') {
    submitOne(i, Object.assign({}, base, { message_payload: s.text }), 1);
  } else {
    const texts = parts(s.text, ucs2, s.partSize);
    const ref = (i * 7 + 1) & 0xff;
    texts.forEach((t, n) => {
      if (s.long === 'udh') {
        const udh = Buffer.from([0x05, 0x00, 0x03, ref, texts.length, n + 1]);
        submitOne(i, Object.assign({}, base, { short_message: { udh, message: t } }), n + 1);
      } else {
        submitOne(i, Object.assign({}, base, { short_message: t, sar_msg_ref_num: ref,
          sar_total_segments: texts.length, sar_segment_seqnum: n + 1 }), n + 1);
      }
    });
  }
};

const bindWith = { transceiver: 'bind_transceiver', transmitter: 'bind_transmitter', receiver: 'bind_receiver' };
session[bindWith[plan.bind || 'transceiver']]({ system_id: systemId, password }, (pdu) => {
  out({ event: 'bind_resp', command_status: pdu.command_status, system_id: pdu.system_id });
  if (pdu.command_status !== 0) { done = true; session.close(); process.exit(0); }
  (plan.submits || []).forEach(submit);
  maybeDone();
});
