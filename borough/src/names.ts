/**
 * Name lists for a diverse English borough, by heritage group, with generational lists for
 * adults (parents born roughly 1975-2006) and children (born in the last 20 years). Plain
 * ASCII, as most local systems hold them.
 */
export type Heritage =
  | "english"
  | "irish"
  | "polish"
  | "romanian"
  | "pakistani"
  | "bangladeshi"
  | "indian"
  | "somali"
  | "nigerian"
  | "caribbean";

export interface HeritageGroup {
  heritage: Heritage;
  /** Share of the borough's families. */
  weight: number;
  /** NHS ethnic category code (MSDS). */
  ethnicCategory: string;
  /** Share of adults born in the UK; the rest were born in `birthplaces`. */
  ukBorn: number;
  birthplaces: readonly string[];
  adultFemale: readonly string[];
  adultMale: readonly string[];
  girls: readonly string[];
  boys: readonly string[];
  surnames: readonly string[];
}

const ENGLISH_GIRLS = [
  "Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Ivy", "Florence", "Willow", "Isabella",
  "Sophia", "Grace", "Poppy", "Evie", "Elsie", "Rosie", "Ella", "Daisy", "Charlotte", "Matilda",
  "Emily", "Millie", "Harper", "Phoebe", "Sienna", "Ruby", "Esme", "Mia", "Ellie", "Hallie",
  "Bonnie", "Maisie", "Layla", "Eliza", "Isabelle", "Georgia", "Scarlett", "Erin", "Lottie", "Elizabeth",
  "Katherine", "Jessica", "Alexandra", "Victoria", "Abigail",
] as const;
const ENGLISH_BOYS = [
  "Oliver", "George", "Noah", "Arthur", "Leo", "Oscar", "Harry", "Freddie", "Theodore", "Archie",
  "Alfie", "Jack", "Charlie", "Henry", "Thomas", "William", "Jacob", "Teddy", "Finley", "Reggie",
  "Tommy", "Albie", "Ronnie", "Louie", "Joshua", "Harrison", "Max", "Riley", "Jaxon", "Rory",
  "Hugo", "Ethan", "Mason", "Benjamin", "Daniel", "Samuel", "James", "Joseph", "Alexander", "Edward",
  "Frederick", "Matthew", "Jayden", "Tyler", "Kai",
] as const;

export const HERITAGE_GROUPS: readonly HeritageGroup[] = [
  {
    heritage: "english",
    weight: 0.5,
    ethnicCategory: "A",
    ukBorn: 1,
    birthplaces: [],
    adultFemale: [
      "Sarah", "Emma", "Laura", "Rebecca", "Gemma", "Hannah", "Amy", "Charlotte", "Jessica", "Lauren",
      "Samantha", "Stephanie", "Jennifer", "Nicola", "Katherine", "Elizabeth", "Victoria", "Rachel", "Kirsty", "Danielle",
      "Chloe", "Sophie", "Megan", "Jade", "Leanne", "Kelly", "Natalie", "Amanda", "Zoe", "Holly",
      "Bethany", "Abigail", "Hayley", "Kayleigh", "Alexandra", "Lucy", "Jodie", "Natasha", "Eleanor", "Georgina",
      "Catherine", "Joanne", "Louise", "Michelle", "Stacey",
    ],
    adultMale: [
      "James", "Daniel", "Thomas", "Matthew", "Christopher", "Michael", "David", "Andrew", "Robert", "Richard",
      "Joseph", "Jonathan", "Benjamin", "Samuel", "William", "Luke", "Adam", "Ryan", "Craig", "Lee",
      "Mark", "Paul", "Stephen", "Ashley", "Dean", "Jamie", "Liam", "Callum", "Jordan", "Kieran",
      "Nathan", "Aaron", "Scott", "Gareth", "Alexander", "Anthony", "Steven", "Philip", "Edward", "Joshua",
    ],
    girls: ENGLISH_GIRLS,
    boys: ENGLISH_BOYS,
    surnames: [
      "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
      "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
      "Harris", "Lewis", "Hughes", "Edwards", "Turner", "Hill", "Cooper", "Ward", "Morris", "Baker",
      "Price", "Bennett", "Griffiths", "Parker", "Cox", "Richardson", "Marshall", "Powell", "Shaw", "Holmes",
      "Lloyd", "Phillips", "Bailey", "Mason", "Fletcher", "Harrison", "Webb", "Rogers", "Jenkins", "Bishop",
      "Cartwright", "Pritchard", "Hadley", "Perks", "Bissell", "Hingley", "Dudley", "Foley", "Round", "Tibbetts",
    ],
  },
  {
    heritage: "irish",
    weight: 0.03,
    ethnicCategory: "B",
    ukBorn: 0.7,
    birthplaces: ["Ireland"],
    adultFemale: ["Siobhan", "Aoife", "Niamh", "Ciara", "Sinead", "Orla", "Roisin", "Mary", "Bridget", "Caitlin"],
    adultMale: ["Sean", "Ciaran", "Declan", "Patrick", "Conor", "Eoin", "Liam", "Padraig", "Niall", "Kevin"],
    girls: ["Aoife", "Saoirse", "Niamh", "Ciara", "Erin", "Grace", "Isla", "Molly", "Freya", "Ava"],
    boys: ["Cillian", "Oisin", "Finn", "Conor", "Rory", "Jack", "Sean", "Darragh", "Noah", "Tadhg"],
    surnames: ["Murphy", "Kelly", "O'Brien", "O'Sullivan", "Walsh", "Byrne", "Ryan", "O'Connor", "Doyle", "McCarthy", "Gallagher", "Quinn", "Brennan", "Kavanagh"],
  },
  {
    heritage: "polish",
    weight: 0.06,
    ethnicCategory: "C",
    ukBorn: 0.2,
    birthplaces: ["Poland"],
    adultFemale: ["Katarzyna", "Agnieszka", "Anna", "Magdalena", "Joanna", "Monika", "Aleksandra", "Justyna", "Karolina", "Malgorzata", "Natalia", "Ewelina", "Paulina", "Marta", "Dorota"],
    adultMale: ["Tomasz", "Piotr", "Krzysztof", "Pawel", "Marcin", "Michal", "Lukasz", "Jakub", "Kamil", "Grzegorz", "Mateusz", "Adam", "Dawid", "Rafal", "Wojciech"],
    girls: ["Zuzanna", "Julia", "Maja", "Zofia", "Hanna", "Lena", "Alicja", "Amelia", "Oliwia", "Maria", "Natalia", "Emilia"],
    boys: ["Antoni", "Jan", "Aleksander", "Franciszek", "Szymon", "Jakub", "Filip", "Kacper", "Oliwer", "Wojciech", "Stanislaw", "Leon"],
    surnames: ["Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kowalczyk", "Kaminski", "Lewandowski", "Zielinski", "Szymanski", "Wozniak", "Dabrowski", "Kozlowski", "Jankowski", "Mazur", "Krawczyk"],
  },
  {
    heritage: "romanian",
    weight: 0.03,
    ethnicCategory: "C",
    ukBorn: 0.1,
    birthplaces: ["Romania"],
    adultFemale: ["Andreea", "Ioana", "Elena", "Maria", "Alexandra", "Mihaela", "Cristina", "Gabriela", "Raluca", "Alina"],
    adultMale: ["Andrei", "Alexandru", "Ionut", "Mihai", "Florin", "Cristian", "Gabriel", "Marius", "Adrian", "Stefan"],
    girls: ["Sofia", "Maria", "Ioana", "Daria", "Eva", "Ana", "Alessia", "Bianca", "Ilinca", "Antonia"],
    boys: ["David", "Luca", "Matei", "Andrei", "Alexandru", "Stefan", "Rares", "Darius", "Eric", "Tudor"],
    surnames: ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe", "Rusu", "Munteanu", "Matei", "Constantin", "Marin"],
  },
  {
    heritage: "pakistani",
    weight: 0.1,
    ethnicCategory: "J",
    ukBorn: 0.6,
    birthplaces: ["Pakistan"],
    adultFemale: ["Amira", "Ayesha", "Fatima", "Saima", "Nadia", "Sana", "Rabia", "Shazia", "Bushra", "Samina", "Hina", "Mariam", "Zainab", "Sadia", "Iqra", "Aneesa", "Mehreen", "Rukhsana"],
    adultMale: ["Mohammed", "Imran", "Adnan", "Bilal", "Tariq", "Asif", "Kamran", "Usman", "Zubair", "Faisal", "Shahid", "Naveed", "Amir", "Waqas", "Hamza", "Irfan", "Abdul", "Yasir"],
    girls: ["Zara", "Maryam", "Aisha", "Fatima", "Hafsa", "Inaya", "Hania", "Zainab", "Khadija", "Eshal", "Anaya", "Ayat", "Safa", "Haniya", "Amna"],
    boys: ["Muhammad", "Mohammed", "Ibrahim", "Yusuf", "Ayaan", "Zayn", "Musa", "Hamza", "Rayyan", "Ahmad", "Ali", "Umar", "Abdullah", "Zakariya", "Eesa"],
    surnames: ["Hussain", "Khan", "Ahmed", "Ali", "Iqbal", "Mahmood", "Akhtar", "Shah", "Rashid", "Butt", "Bibi", "Aslam", "Javed", "Anwar", "Riaz", "Saleem", "Mirza", "Qureshi"],
  },
  {
    heritage: "bangladeshi",
    weight: 0.03,
    ethnicCategory: "K",
    ukBorn: 0.5,
    birthplaces: ["Bangladesh"],
    adultFemale: ["Nasreen", "Shamima", "Rina", "Fahima", "Taslima", "Sumaiya", "Rahima", "Jasmin", "Shirin", "Momena"],
    adultMale: ["Abdul", "Mohammed", "Shahidul", "Rahman", "Jamal", "Kamal", "Anwar", "Sohel", "Rashed", "Mizanur"],
    girls: ["Maryam", "Aisha", "Inaya", "Safiya", "Raisa", "Nusaiba", "Amira", "Sumaya", "Hafsa", "Zahra"],
    boys: ["Muhammad", "Ayaan", "Ibrahim", "Rayan", "Zakaria", "Yahya", "Isa", "Arham", "Adam", "Idris"],
    surnames: ["Begum", "Miah", "Uddin", "Rahman", "Islam", "Ahmed", "Hoque", "Khatun", "Chowdhury", "Hossain", "Alam", "Karim"],
  },
  {
    heritage: "indian",
    weight: 0.06,
    ethnicCategory: "H",
    ukBorn: 0.55,
    birthplaces: ["India"],
    adultFemale: ["Priya", "Harpreet", "Gurpreet", "Manpreet", "Simran", "Pooja", "Anjali", "Kiran", "Neha", "Sunita", "Jaspreet", "Rajinder", "Meera", "Divya", "Navdeep"],
    adultMale: ["Rajesh", "Sanjay", "Harjit", "Gurdeep", "Amarjit", "Vikram", "Rahul", "Jaswinder", "Sukhdev", "Amit", "Manjit", "Deepak", "Ravinder", "Arjun", "Kuldip"],
    girls: ["Anaya", "Saanvi", "Amaira", "Simran", "Aria", "Avani", "Diya", "Jasleen", "Kiara", "Myra", "Prisha", "Riya"],
    boys: ["Arjun", "Aarav", "Reyansh", "Veer", "Kabir", "Arav", "Jai", "Dev", "Sahib", "Fateh", "Ishaan", "Rohan"],
    surnames: ["Singh", "Kaur", "Patel", "Sharma", "Sandhu", "Gill", "Sidhu", "Dhillon", "Bains", "Kumar", "Mistry", "Shah", "Johal", "Virdi", "Bhatti"],
  },
  {
    heritage: "somali",
    weight: 0.03,
    ethnicCategory: "N",
    ukBorn: 0.35,
    birthplaces: ["Somalia", "Netherlands"],
    adultFemale: ["Hodan", "Fadumo", "Sahra", "Amina", "Ifrah", "Hibo", "Nasra", "Ayan", "Khadra", "Sagal", "Faduma", "Ubah"],
    adultMale: ["Abdullahi", "Abdirahman", "Mohamed", "Ahmed", "Hassan", "Abdi", "Omar", "Yusuf", "Said", "Mahad", "Liban", "Farah"],
    girls: ["Amina", "Hafsa", "Sumaya", "Ikran", "Khadija", "Maryan", "Nimco", "Salma", "Yasmin", "Ruqiya"],
    boys: ["Abdirahman", "Mohamed", "Yusuf", "Ilyas", "Zakariye", "Bilal", "Hamza", "Khalid", "Mustafe", "Idris"],
    surnames: ["Mohamed", "Ahmed", "Hassan", "Ali", "Abdi", "Warsame", "Farah", "Osman", "Jama", "Hussein", "Aden", "Ismail", "Nur", "Duale"],
  },
  {
    heritage: "nigerian",
    weight: 0.05,
    ethnicCategory: "N",
    ukBorn: 0.45,
    birthplaces: ["Nigeria", "Ghana"],
    adultFemale: ["Oluwaseun", "Folasade", "Chiamaka", "Adaeze", "Ngozi", "Blessing", "Funmilayo", "Temitope", "Abena", "Akosua", "Esther", "Precious"],
    adultMale: ["Oluwaseun", "Olusegun", "Chinedu", "Emeka", "Babajide", "Kwame", "Kofi", "Tunde", "Ifeanyi", "Samuel", "Daniel", "Oluwadamilare"],
    girls: ["Oluwadamilola", "Favour", "Precious", "Adaeze", "Chioma", "Zuri", "Amara", "Ama", "Adwoa", "Jasmine", "Esther", "Tiwa"],
    boys: ["David", "Daniel", "Joshua", "Emmanuel", "Chidi", "Tobi", "Kwabena", "Ayo", "Ebuka", "Samuel", "Elijah", "Marvellous"],
    surnames: ["Okafor", "Adeyemi", "Okonkwo", "Oyelaran", "Mensah", "Boateng", "Owusu", "Adebayo", "Eze", "Nwosu", "Asante", "Ogunleye", "Olatunji", "Appiah"],
  },
  {
    heritage: "caribbean",
    weight: 0.06,
    ethnicCategory: "M",
    ukBorn: 0.95,
    birthplaces: ["Jamaica"],
    adultFemale: ["Shanice", "Tanisha", "Keisha", "Chantelle", "Natasha", "Simone", "Aaliyah", "Latoya", "Monique", "Danielle", "Jasmine", "Tia"],
    adultMale: ["Marcus", "Jermaine", "Tyrone", "Dwayne", "Leon", "Andre", "Kyle", "Devon", "Curtis", "Delroy", "Tyrell", "Wesley"],
    girls: ["Amara", "Nia", "Aaliyah", "Imani", "Skye", "Kiara", "Naomi", "Zuri", "Mya", "Serena", "Ruby", "Lola"],
    boys: ["Jayden", "Josiah", "Elijah", "Malachi", "Tyler", "Micah", "Isaiah", "Kairo", "Reuben", "Zion", "Roman", "Caleb"],
    surnames: ["Campbell", "Brown", "Williams", "Thomas", "Francis", "Clarke", "Johnson", "Grant", "Henry", "Reid", "Richards", "Graham", "Morgan", "Samuels", "Bailey", "Gordon"],
  },
];

/** Formal names and the short forms families and staff use for them. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Elizabeth: ["Liz", "Beth", "Lizzie"],
  Katherine: ["Kate", "Katie", "Kath"],
  Catherine: ["Cath", "Cathy", "Kate"],
  Mohammed: ["Mo"],
  Muhammad: ["Mo"],
  Mohamed: ["Mo"],
  Rebecca: ["Becky", "Becca"],
  Samantha: ["Sam", "Sammy"],
  Jennifer: ["Jen", "Jenny"],
  Victoria: ["Vicky", "Tori"],
  Alexandra: ["Alex", "Lexi", "Sasha"],
  Charlotte: ["Charlie", "Lottie"],
  Jessica: ["Jess"],
  Natasha: ["Tash", "Tasha"],
  Nicola: ["Nicky"],
  Stephanie: ["Steph"],
  Abigail: ["Abbie", "Abi"],
  Bethany: ["Beth"],
  Georgina: ["Georgie", "Gina"],
  Eleanor: ["Ellie", "Nell"],
  Amanda: ["Mandy"],
  Joanne: ["Jo"],
  Danielle: ["Dani"],
  Christopher: ["Chris"],
  Matthew: ["Matt"],
  Michael: ["Mike", "Mick"],
  Daniel: ["Dan", "Danny"],
  James: ["Jim", "Jamie"],
  William: ["Will", "Billy"],
  Thomas: ["Tom", "Tommy"],
  Joseph: ["Joe"],
  Benjamin: ["Ben"],
  Alexander: ["Alex", "Xander"],
  Jonathan: ["Jon", "Jonny"],
  Robert: ["Rob", "Bob", "Robbie"],
  Richard: ["Rich", "Rick"],
  Anthony: ["Tony", "Ant"],
  Andrew: ["Andy", "Drew"],
  Samuel: ["Sam"],
  Edward: ["Ed", "Eddie", "Ted"],
  Philip: ["Phil"],
  Stephen: ["Steve"],
  Steven: ["Steve"],
  Joshua: ["Josh"],
  Nathan: ["Nate"],
  Katarzyna: ["Kasia"],
  Malgorzata: ["Gosia"],
  Aleksandra: ["Ola"],
  Agnieszka: ["Aga"],
  Magdalena: ["Magda"],
  Tomasz: ["Tomek"],
  Krzysztof: ["Krzys"],
  Mateusz: ["Mati"],
  Wojciech: ["Wojtek"],
  Alexandru: ["Alex"],
  Abdullahi: ["Abdi"],
  Abdirahman: ["Abdi"],
  Oluwaseun: ["Seun"],
  Olusegun: ["Segun"],
  Oluwadamilola: ["Dami", "Lola"],
  Oluwadamilare: ["Dami"],
  Folasade: ["Sade", "Fola"],
  Funmilayo: ["Funmi"],
  Temitope: ["Tope", "Temi"],
  Babajide: ["Jide"],
  Rajinder: ["Raj"],
  Jaswinder: ["Jas"],
  Gurpreet: ["Preet"],
  Ravinder: ["Rav"],
  Sukhdev: ["Sukhi"],
  Oliver: ["Ollie"],
  Theodore: ["Theo", "Teddy"],
  Isabella: ["Bella", "Izzy"],
  Isabelle: ["Izzy", "Belle"],
  Florence: ["Flo", "Florrie"],
  Matilda: ["Tilly", "Tilda"],
  Frederick: ["Freddie", "Fred"],
  Harrison: ["Harry"],
  Amelia: ["Millie", "Mia"],
  Sophia: ["Sophie"],
  Zuzanna: ["Zuzia"],
  Aleksander: ["Olek"],
  Franciszek: ["Franek"],
  Stanislaw: ["Stas"],
  Antoni: ["Antek"],
  Khadija: ["Dija"],
  Abdullah: ["Abdi"],
  Zakariya: ["Zak"],
  Zakariye: ["Zak"],
  Ibrahim: ["Ibby"],
};

/**
 * Groups of spellings of the same name that families, clerks and staff use interchangeably.
 * A record may hold any other member of the group.
 */
export const SPELLING_VARIANTS: readonly (readonly string[])[] = [
  ["Mohammed", "Muhammad", "Mohammad", "Mohamed", "Muhammed"],
  ["Hussain", "Husain", "Hussein", "Hossain"],
  ["Amira", "Amirah", "Ameera"],
  ["Aisha", "Ayesha", "Aysha"],
  ["Fatima", "Fatimah"],
  ["Zainab", "Zaynab"],
  ["Maryam", "Mariam"],
  ["Yusuf", "Yousuf", "Yusef"],
  ["Ibrahim", "Ebrahim"],
  ["Ahmed", "Ahmad"],
  ["Sophia", "Sofia"],
  ["Isabelle", "Isabel", "Isobel"],
  ["Zoe", "Zoey"],
  ["Katie", "Katy"],
  ["Stephen", "Steven"],
  ["Lee", "Leigh"],
  ["Jayden", "Jaydon", "Jaiden"],
  ["Kayleigh", "Kayley", "Kaylee"],
  ["Leanne", "Lianne"],
  ["Jodie", "Jodi"],
  ["Hayley", "Haylee"],
  ["Stacey", "Stacy"],
  ["Louie", "Louis"],
  ["Freddie", "Freddy"],
  ["Alfie", "Alfy"],
  ["Evie", "Evey"],
  ["Elsie", "Elsey"],
  ["Millie", "Milly"],
  ["Harper", "Harpa"],
  ["Jaxon", "Jaxson", "Jackson"],
  ["Finley", "Finlay"],
  ["Layla", "Leila", "Laila"],
  ["Aaliyah", "Aliyah"],
  ["Shanice", "Shaniece"],
  ["Tanisha", "Tanesha"],
  ["Simran", "Simrun"],
  ["Harpreet", "Harprit"],
  ["Oliwia", "Olivia"],
  ["Oliwer", "Oliver"],
  ["Zofia", "Sofia"],
  ["Szymon", "Simon"],
  ["Wozniak", "Wozhniak"],
  ["Kowalski", "Kowalsky"],
  ["Kowalczyk", "Kowalczik"],
  ["Abdi", "Abdy"],
  ["Hassan", "Hasan"],
  ["Osman", "Othman"],
  ["Clarke", "Clark"],
  ["Davies", "Davis"],
  ["Thompson", "Thomson"],
  ["Phillips", "Philips"],
  ["Griffiths", "Griffith"],
  ["Begum", "Begom"],
  ["Chowdhury", "Choudhury", "Chaudhry"],
  ["Miah", "Mia"],
  ["Uddin", "Udin"],
  ["Hoque", "Haque", "Huq"],
  ["Qureshi", "Qurashi", "Kureshi"],
  ["Okafor", "Okafo"],
  ["Adeyemi", "Adeyemy"],
];

const VARIANT_INDEX: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const group of SPELLING_VARIANTS) {
    for (const name of group) {
      const others = group.filter((g) => g !== name);
      m.set(name, [...(m.get(name) ?? []), ...others.filter((o) => !(m.get(name) ?? []).includes(o))]);
    }
  }
  return m;
})();

/** Other spellings of a name (empty when it has none). */
export function spellingVariants(name: string): readonly string[] {
  return VARIANT_INDEX.get(name) ?? NONE;
}

const NICKNAME_INDEX: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(NICKNAMES));
const NONE: readonly string[] = [];

export function nicknamesOf(name: string): readonly string[] {
  return NICKNAME_INDEX.get(name) ?? NONE;
}

/** Names used for staff: health visitors, registrars. */
export const STAFF_TITLES = ["Health Visitor", "Community Staff Nurse", "Community Nursery Nurse"] as const;
