// Wireshark's short manufacturer name (the second column of its `manuf` file, what `-N m`
// prints before the last three bytes: `IntelCor_12:34:56`), made from an IEEE organisation
// name by the rule of Wireshark's tools/make-manuf.py: title-case an all-capitals name, drop
// punctuation and business terms (Inc, Ltd, GmbH, ...), join the words, keep 8 characters.

/** Business and filler terms make-manuf.py removes (each between spaces, any case). */
const GENERAL_TERMS = new RegExp(
  [
    ' a ?s ', ' a +', ' ab ', ' ag ', ' b ?v ', ' closed joint stock company ', ' co ', ' company ', ' corp ', ' corporation ',
    ' de c ?v ', ' gmbh ', ' holding ', ' inc ', ' incorporated ', ' jsc ', ' kg ', ' k k ', ' limited ', ' llc ',
    ' ltd ', ' n ?v ', ' oao ', ' of ', ' open joint stock company ', ' ooo ', ' oü ', ' oy ', ' oyj ', ' plc ',
    ' pty ', ' pvt ', ' s ?a ?r ?l ', ' s ?r ?l ', ' s ?a ', ' s ?p ?a ', ' sp ?k ', ' sp ?z ?o ?o ', ' systems ', ' the ',
    ' von ', ' zao ',
  ].join('|'),
  'gi',
);

const titleCase = (s: string): string => s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());

export function shortVendor(organisation: string): string {
  let name = ` ${organisation.split(/\s+/).filter(Boolean).join(' ')} `;
  if (name === name.toUpperCase() && name !== name.toLowerCase()) name = titleCase(name);
  name = name.replace(/["',./:()]/g, ' ').replaceAll(' & ', ' ');
  // The terms are matched with their spaces, so a term right after another needs a second pass.
  let plain = name;
  for (let before = ''; before !== plain; ) {
    before = plain;
    plain = plain.replace(GENERAL_TERMS, ' ');
  }
  const joined = plain.replace(/\s+/g, '');
  // A name made only of general terms keeps them rather than vanish.
  return [...(joined || name.replace(/\s+/g, ''))].slice(0, 8).join('');
}
