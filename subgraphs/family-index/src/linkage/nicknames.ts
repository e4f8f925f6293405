/**
 * Known short forms of given names (formal name -> short forms), as families and staff use them.
 * A small, hand-kept table of common UK forms and some from the borough's communities; a match
 * either way round (or two short forms of the same formal name) is the NICKNAME level.
 * Keys and values are lower case.
 */
const SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  elizabeth: ["liz", "beth", "lizzie", "betty", "eliza"],
  katherine: ["kate", "katie", "kath", "kathy", "kat"],
  catherine: ["cath", "cathy", "kate", "katie", "cat"],
  margaret: ["maggie", "meg", "peggy"],
  rebecca: ["becky", "becca"],
  samantha: ["sam", "sammy"],
  jennifer: ["jen", "jenny"],
  victoria: ["vicky", "tori"],
  alexandra: ["alex", "lexi", "sasha"],
  charlotte: ["charlie", "lottie"],
  jessica: ["jess"],
  natasha: ["tash", "tasha"],
  nicola: ["nicky", "nic"],
  stephanie: ["steph"],
  abigail: ["abbie", "abi", "abby"],
  bethany: ["beth"],
  georgina: ["georgie", "gina"],
  eleanor: ["ellie", "nell"],
  amanda: ["mandy"],
  joanne: ["jo"],
  danielle: ["dani"],
  deborah: ["debbie", "deb"],
  susan: ["sue", "susie"],
  christine: ["chris", "chrissie"],
  christopher: ["chris"],
  matthew: ["matt"],
  michael: ["mike", "mick", "mikey"],
  daniel: ["dan", "danny"],
  james: ["jim", "jimmy", "jamie"],
  william: ["will", "bill", "billy", "liam"],
  thomas: ["tom", "tommy"],
  joseph: ["joe", "joey"],
  benjamin: ["ben", "benji"],
  alexander: ["alex", "xander"],
  jonathan: ["jon", "jonny"],
  robert: ["rob", "bob", "robbie", "bobby"],
  richard: ["rich", "rick", "dick"],
  anthony: ["tony", "ant"],
  andrew: ["andy", "drew"],
  samuel: ["sam", "sammy"],
  edward: ["ed", "eddie", "ted"],
  philip: ["phil"],
  stephen: ["steve"],
  steven: ["steve"],
  joshua: ["josh"],
  nathan: ["nate"],
  nicholas: ["nick", "nicky"],
  david: ["dave", "davy"],
  timothy: ["tim"],
  patrick: ["pat", "paddy"],
  oliver: ["ollie", "olly"],
  theodore: ["theo", "teddy"],
  isabella: ["bella", "izzy"],
  isabelle: ["izzy", "belle"],
  florence: ["flo", "florrie"],
  matilda: ["tilly", "tilda"],
  frederick: ["freddie", "fred", "freddy"],
  harrison: ["harry"],
  henry: ["harry", "hal"],
  amelia: ["millie", "mia"],
  sophia: ["sophie"],
  mohammed: ["mo"],
  muhammad: ["mo"],
  mohamed: ["mo"],
  mohammad: ["mo"],
  ibrahim: ["ibby"],
  zakariya: ["zak"],
  zakariye: ["zak"],
  abdullah: ["abdi"],
  abdullahi: ["abdi"],
  abdirahman: ["abdi"],
  khadija: ["dija"],
  katarzyna: ["kasia"],
  malgorzata: ["gosia"],
  aleksandra: ["ola"],
  agnieszka: ["aga"],
  magdalena: ["magda"],
  tomasz: ["tomek"],
  krzysztof: ["krzys"],
  mateusz: ["mati"],
  wojciech: ["wojtek"],
  zuzanna: ["zuzia"],
  aleksander: ["olek"],
  franciszek: ["franek"],
  stanislaw: ["stas"],
  antoni: ["antek"],
  alexandru: ["alex"],
  oluwaseun: ["seun"],
  olusegun: ["segun"],
  oluwadamilola: ["dami", "lola"],
  oluwadamilare: ["dami"],
  folasade: ["sade", "fola"],
  funmilayo: ["funmi"],
  temitope: ["tope", "temi"],
  babajide: ["jide"],
  rajinder: ["raj"],
  jaswinder: ["jas"],
  gurpreet: ["preet"],
  ravinder: ["rav"],
  sukhdev: ["sukhi"],
};

/** name -> the formal names it is, or is a short form of (itself included). */
const FORMAL_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  const add = (name: string, formal: string) => {
    const list = m.get(name);
    if (!list) m.set(name, [formal]);
    else if (!list.includes(formal)) list.push(formal);
  };
  for (const [formal, shorts] of Object.entries(SHORT_FORMS)) {
    add(formal, formal);
    for (const s of shorts) add(s, formal);
  }
  return m;
})();

/** True when one name is a known short form of the other, or both are short forms of one name. */
export function isKnownShortForm(a: string, b: string): boolean {
  if (a === b) return false;
  const fa = FORMAL_OF.get(a);
  const fb = FORMAL_OF.get(b);
  if (!fa || !fb) return false;
  return fa.some((f) => fb.includes(f));
}
