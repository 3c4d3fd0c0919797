/**
 * A booking reference spelled for the phone, German first: DIN 5009 (2022) spells with
 * city names ("K wie Köln"); English uses the ICAO alphabet. References have no 0/O or 1/I.
 */
const DIN_5009: Record<string, string> = {
  A: "Aachen", B: "Berlin", C: "Chemnitz", D: "Düsseldorf", E: "Essen", F: "Frankfurt", G: "Goslar",
  H: "Hamburg", I: "Ingelheim", J: "Jena", K: "Köln", L: "Leipzig", M: "München", N: "Nürnberg",
  O: "Offenbach", P: "Potsdam", Q: "Quickborn", R: "Rostock", S: "Salzwedel", T: "Tübingen", U: "Unna",
  V: "Völklingen", W: "Wuppertal", X: "Xanten", Y: "Ypsilon", Z: "Zwickau",
};
const ICAO: Record<string, string> = {
  A: "Alfa", B: "Bravo", C: "Charlie", D: "Delta", E: "Echo", F: "Foxtrot", G: "Golf", H: "Hotel",
  I: "India", J: "Juliett", K: "Kilo", L: "Lima", M: "Mike", N: "November", O: "Oscar", P: "Papa",
  Q: "Quebec", R: "Romeo", S: "Sierra", T: "Tango", U: "Uniform", V: "Victor", W: "Whiskey",
  X: "X-ray", Y: "Yankee", Z: "Zulu",
};
const DIGITS_DE = ["null", "eins", "zwo", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];
const DIGITS_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** "K7QF" → ["K wie Köln", "sieben", "Q wie Quickborn", "F wie Frankfurt"]; dashes are skipped. */
export function spellReference(reference: string, locale: string): string[] {
  const en = locale === "en";
  return [...reference.toUpperCase()]
    .filter((c) => /[A-Z0-9]/.test(c))
    .map((c) =>
      /[0-9]/.test(c)
        ? (en ? DIGITS_EN : DIGITS_DE)[Number(c)]!
        : en
          ? `${c} as in ${ICAO[c]}`
          : `${c} wie ${DIN_5009[c]}`,
    );
}
