/**
 * General English vocabulary that decides what a capitalised word is doing in a name: titles that
 * precede a person, words that head an organization or a geographic name, honorifics, name
 * connectors. All lower-case. These are properties of the language, not of any document.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Words that head a role or title: "the Minister of …", "Chairman …". */
export const ROLE_HEADS = words(`
  minister ministers president vice-president chairman chairwoman chair chairperson director
  ambassador secretary chancellor governor mayor senator congressman congresswoman judge chief head
  spokesman spokeswoman spokesperson manager coach captain leader commissioner officer founder ceo
  cfo coo chief-executive editor professor king queen prince princess pope general colonel premier
  prosecutor attorney envoy representative deputy-minister mp mep boss executive economist analyst
  presenter producer director-general secretary-general chairman-elect sheikh emir sultan
  midfielder striker defender goalkeeper keeper winger skipper fly-half scrum-half flanker full-back
  actor actress singer rapper songwriter writer author novelist comedian chef
`);

/** Words that qualify a role head: "Deputy Minister", "Prime Minister", "Foreign Secretary". */
export const ROLE_MODIFIERS = words(`
  deputy vice prime foreign home finance interior defence defense health culture education trade
  justice economy energy environment transport acting former first chief executive senior
  extraordinary plenipotentiary
  general assistant permanent special managing junior shadow attorney
`);

/** Honorifics that make the next name a person's: "Mr. Velizade", "Dr Smith". */
export const HONORIFICS = words(`
  mr mr. mrs mrs. ms ms. dr dr. sir dame lady lord prof prof. mister madam baroness baron earl duke duchess
  countess rev rev. reverend archbishop bishop cardinal
`);

/** Last words of organization names: "… Agency", "… Forum", "… Ltd". */
export const ORG_HEADS = words(`
  ministry ministries agency agencies forum company companies corporation corp corp. inc inc. ltd
  ltd. plc llc co. bank banks university universities college school fund council commission
  committee party embassy consulate association union group organisation organization department
  office court parliament assembly congress senate institute institution federation club league
  authority authorities society foundation trust board airlines airways motors bros bros. holdings
  telecom telecoms partners services systems technologies industries enterprises network networks
  channel studios records times post news press television radio broadcasting exchange service
  reserve police army navy force forces academy centre center museum hospital cabinet administration
  government secretariat alliance coalition movement front bureau inc
`);

/** Last words of geographic names: "Caspian Sea", "Silicon Valley". */
export const PLACE_HEADS = words(`
  sea ocean river lake mountains mountain mount gulf bay island islands valley desert peninsula
  strait canal coast province county region city town village street avenue square airport
  port harbour harbor park stadium arena bridge
`);

/** Lower-case words allowed inside a name: "Ministry of Communications and High Technologies". */
export const CONNECTORS = words(`of and for the de da di do dos das du del della van von der den ter al bin ibn le la &`);

/**
 * Capitalised words that are calendar or discourse words, never names on their own even when a
 * tagger calls them proper nouns.
 */
export const NEVER_NAMES = words(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december i i'm i've i'd i'll mon tue wed thu fri sat sun
  jan feb mar apr jun jul aug sep sept oct nov dec christmas easter
`);

/**
 * Upper-case abbreviations of common nouns, not of organizations or places: "ICT", "GDP".
 */
export const COMMON_ACRONYMS = words(`
  ict it gdp ceo cfo coo cto tv pc pcs dvd dvds cd cds mp3 ok am pm bc ad hiv aids sars covid
  covid-19 sms gps lcd led id pin vat uk-based atm atms ipo ipos ai vr pr hq faq usb hd hdtv ps
  dna tb icts wi-fi wifi 3g 4g 5g gsm cdma voip mba phd bsc msc mw gw kw km mph rpm fm
  ufo eu-wide ppp fdi mp mps mep meps ceos pcs cds gmt bst utc est pst cet
`);

/**
 * Capitalised common nouns that name no particular referent on their own ("the Internet", "Parliament",
 * "the Budget"); they still take part in longer names ("Internet Governance Forum").
 */
export const GENERIC_CAPITALS = words(`
  internet web net cabinet budget government parliament state ministry ministries city town region
  world earth sun moon god church council court army police navy nation republic kingdom empire
  north south east west northern southern eastern western central
`);

/** First words that make a capitalised pair a place name: "New York", "San Diego", "St Andrews". */
export const PLACE_PREFIXES = words(`new san santa los las saint st st. port fort cape sao são el`);
