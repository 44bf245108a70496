import type { PlutchikEmotion } from './emotion.types.ts';

// Written for MIYU from scratch (NRC and similar lexicons forbid commercial use). Words are listed
// in base form: the analyzer also matches their Porter stems, so "terrify" covers "terrified".
// A word may carry several emotions (Plutchik: love = joy + trust). Emoji are listed without the
// U+FE0F variation selector, which the analyzer strips. Keys are matched case-insensitively.

export type LexiconTier = 'strong' | 'normal' | 'mild';

export const TIER_WEIGHTS: Readonly<Record<LexiconTier, number>> = { strong: 1.5, normal: 1, mild: 0.5 };

type TieredWords = Readonly<Partial<Record<LexiconTier, string>>>;

export const PLUTCHIK_LEXICON: Readonly<Record<PlutchikEmotion, TieredWords>> = {
  JOY: {
    strong: `ecstatic elated overjoyed thrilled euphoric euphoria blissful bliss delighted jubilant
      exhilarated exhilarating ecstasy love loving adore adored wonderful amazing awesome fantastic
      fabulous marvelous marvellous brilliant magnificent spectacular phenomenal superb stoked
      yay yayy woohoo woo hooray hurray yippee overjoy rejoice lmao lmfao rofl
      😍 🥰 🤩 🥳 😂 🤣 😆 💖 💗 💕 🎉 🎊`,
    normal: `happy happiness glad joy joyful joyous cheerful cheery pleased contented enjoy
      enjoyable enjoyment fun funny hilarious laugh laughed laughing laughter smile smiled smiling
      grin grinning giggle giggling chuckle great excellent lovely beautiful gorgeous pleasant
      delightful delight satisfied satisfying satisfaction glee gleeful merry jolly celebrate
      celebration celebrating party win winning won victory victorious triumph success successful
      succeed proud pride excited excitement exciting thrill thrilling cheer cheers relief
      relieved blessed lucky fortunate perfect favorite favourite beloved sunshine playful
      cute adorable wholesome heartwarming uplifting inspired inspiring inspiration awesome
      lit slay yass yas haha hahaha hehe heh lol lolz xd :) :-) :d :-d =) ^^ ^_^ <3 ily
      😀 😃 😄 😁 😊 🙂 ☺ 😸 😹 😺 😻 ❤ 💓 💞 💝 😘 😙 😚 ✨ 🌞 🌈 🙌 💃 🕺 🎈 😎`,
    mild: `good nice okay ok cool sweet better pleasure pleasing content comfy cozy
      cosy calm peaceful chill amused amusing interesting neat lucky smooth yummy tasty
      delicious birthday holiday vacation weekend sunny bright 👍 👌 😌 😋 😛 😜 😝 🤗`,
  },
  TRUST: {
    strong: `trust trusted trusting trustworthy love loving adore cherish devoted devotion faithful
      loyal loyalty bestie bff soulmate ily 🤝 🫂 💞`,
    normal: `reliable rely dependable honest honesty sincere sincerely genuine genuinely believe
      belief faith confident confidence safe safety secure security comfortable comfort
      comforting support supported supportive supporting care caring cared kindness kindly
      gentle warm warmth friend friendship buddy pal companion together appreciate appreciated
      appreciation grateful gratitude thankful thank thanks thx ty tysm agree agreed accept
      accepted acceptance respect respected admire admiration hug hugs hugging cuddle cuddles
      embrace family partner promise promised protect protected protective reassure reassured
      reassuring understood empathy compassion compassionate patient forgive forgiven forgiveness
      depend bond bonded connected belong belonging welcome welcomed
      🤗 🙏 💙 💚 💛 💜 🧡 🤍 ❤ ♥
      trustful faithfully loyally reliability reliance credible credibility assured assurance
      honor honour honorable integrity decent decency fairness ally allies teammate mentor
      guidance shelter sanctuary haven confidant intimate intimacy closeness affection
      affectionate tender tenderness fond fondness darling sweetie sympathy sympathetic
      considerate thoughtful generous generosity kindhearted warmhearted heartfelt obliged
      indebted truthful transparent authentic validated included inclusion unity united solidarity
      reunion reunite cooperate cooperation collaborate teamwork partnership marriage married vow
      vows pledge commitment committed dedicated dedication steadfast unwavering rapport
      camaraderie kinship brotherhood sisterhood faithfulness`,
    mild: `sure certain understand understanding calm peaceful steady stable fair nice
      helpful listen listened advice honestly agreeable dear sweetheart buddy 👍 👌
      team home close honey babe mate neighbour neighbor consistent guide heard seen valid`,
  },
  FEAR: {
    strong: `terrified terrify terrifying terror petrified horrified horror horrifying panic
      panicked panicking dread dreading dreadful freak paralyzed paralysed
      nightmare traumatized traumatised 😱 😨 😰`,
    normal: `afraid scared scare scary fear feared fearful frighten frightened frightening anxious
      anxiety nervous nervously worried worry worrying worries alarm alarmed alarming threatened
      threat threatening danger dangerous unsafe insecure insecurity uneasy tense tension
      stressed stress stressful overwhelmed overwhelming phobia paranoid creepy spooky eerie
      shaking shaky trembling tremble shiver shivering helpless vulnerable apprehensive jittery
      jumpy haunted haunting menacing sinister suspicious doom doomed
      hyperventilating yikes 😟 😧 😦 😬 😥 🥶 👻
      fright frightful horrific horrendous terrorized spooked cower cowering flee fleeing
      anxiously anxieties worrisome nightmares sleepless restless agitated distressed distress
      foreboding ominous premonition nervy edgy antsy fidgety unnerved unnerving unsettled
      unsettling disturbed disturbing rattled shaken stalker stalking hostage emergency crisis
      catastrophe hazard hazardous peril perilous deadly lethal intimidated intimidating powerless
      defenseless cornered trapped suffocating claustrophobic phobic shudder shuddering eek`,
    mild: `risk risky uncertain uncertainty unsure doubt doubtful hesitant hesitate timid shy
      wary cautious careful concerned concern awkward exam deadline interview dark alone
      sus unknown 😳
      escape hide hiding attack insomnia ghost monster predator violent violence disaster injured
      cancer diagnosis hospital surgery exposed gulp queasy suspense lose`,
  },
  SURPRISE: {
    strong: `astonished astonishing astounded astounding flabbergasted dumbfounded stunned
      shocked shocking speechless mindblown omg omfg 🤯 😲`,
    normal: `surprise surprised surprising amazed amazement shock startled startling unexpected
      unexpectedly suddenly sudden wow whoa woah unbelievable incredible incredibly wtf
      bewildered baffled gasp gasped twist unreal surreal omw whoah 😮 😯 😱 😳
      surprisingly astonishment astound amaze amazingly stun startle shockingly bombshell
      revelation unforeseen unanticipated unpredictable unpredicted abrupt abruptly agape
      awestruck awe awed wonderstruck dazed disbelief incredulous jolted flummoxed gobsmacked
      thunderstruck blindsided wowza woww wowie whoaa omgg miracle miraculous unheard puzzled
      perplexed baffling 😵 🙀 ⁉`,
    mild: `strange weird odd curious crazy insane wild random unusual huh
      finally 👀
      eek oops whoops dang geez jeez gosh goodness mystery mysterious confused confusing bizarre
      peculiar remarkable extraordinary novel`,
  },
  SADNESS: {
    strong: `heartbroken heartbreak heartbreaking devastated devastating miserable misery
      depressed depression despair hopeless grief grieving mourn mourning sobbing sob
      suicidal worthless fml 😭 💔`,
    normal: `sad sadness sadly unhappy depressing sorrow sorrowful grieve cry crying cried tears
      tearful teary weep weeping lonely loneliness isolated empty broken hurt hurting pain
      painful ache aching loss lost miss missing missed regret regretful disappointed
      disappointing disappointment letdown bummed bummer upset gloomy gloom melancholy
      exhausted drained numb failure failed fail rejected rejection abandoned homesick
      unloved unwanted neglected betrayed dumped breakup funeral died death
      sigh oof rip :( :-( :'( ☹ 🙁 😞 😔 😢 😿 🥺 😪 😩 😫 😓
      sadder saddest saddened dismal dreary bleak forlorn despondent dejected downcast downhearted
      disheartened discouraged demoralized demoralised hopelessness helplessness crushed shattered
      wrecked gutted weary wistful longing yearning pining grieved bereaved bereavement widowed
      orphaned lament lamenting mournful woeful woe tragic tragedy pity pitiful suffering suffer
      agony anguish torment tormented wounded scarred burden burdened isolation excluded ignored
      invisible forgotten unappreciated insignificant inadequate ashamed guilty guilt remorse
      remorseful bawling weepy mope moping sulk sulking glum morose sullen somber sombre lifeless
      hollow defeated divorce sorrowfully unhappily tearfully 🥲`,
    mild: `sorry tired meh alone bad unfortunately unfortunate nostalgic lonesome
      awful terrible low gloomy rough sucks hard struggle struggling 😕 😐 😑
      poor solitude tear grey gray rainy defeat losing lose goodbye farewell separated apologetic
      useless`,
  },
  DISGUST: {
    strong: `disgust disgusted disgusting revolting repulsive repulsed repugnant vile
      sickening nauseating nauseous loathe loathing despise detest abhor abhorrent 🤢 🤮`,
    normal: `gross grossed nasty yuck yuk eww ew ewww icky foul filthy rotten putrid stink stinks
      stinky smelly cringe cringey cringy distasteful offensive obscene shameful disgrace
      disgraceful appalled appalling contempt scum trash garbage toxic bleh blech creep
      hypocrite hypocritical sleazy slimy pervert greasy rancid moldy mouldy smh 😒 🙄 😖
      disgustingly grossly repellent repel revulsion aversion abomination heinous horrid hideous
      grotesque gruesome ghastly sordid seedy squalid sleaze slime sludge sewage vomit puke puking
      barf gag gagging retch unsanitary unhygienic contaminated infested maggots cockroach roach
      stench reek reeks reeking unappetizing inedible trashy degenerate depraved perverted
      indecent vulgar crass crude tasteless shameless corrupt corruption immoral unethical
      sickened despicable deplorable contemptible wretched revulsed yucky ick nauseated
      cringeworthy eugh blegh`,
    mild: `ugh sick dirty awful horrible terrible pathetic unpleasant ugly messy
      cheesy tacky lame hate meh
      rat sticky spoiled rotting decay mold fungus odor soggy unbearable insufferable detestable`,
  },
  ANGER: {
    strong: `furious fury rage raging enraged livid irate outraged outrage infuriating
      infuriated fuming seething hatred hate hateful loathe despise 🤬 😡 👿 💢`,
    normal: `angry anger mad ugh irritated irritating irritation annoyed annoying annoyance
      frustrated frustrating frustration pissed hostile resent resentment resentful bitter
      aggravated aggravating offended insulted betrayed unfair unjust injustice outrageous
      grr grrr argh damn dammit goddamn wtf ffs yell yelling shout shouting scream screaming
      fight fighting furiously vengeful revenge cruel disrespect disrespectful rude jerk
      idiot idiotic stupid ridiculous unacceptable 😠 😤
      angrily angered madder maddening wrath wrathful incensed indignant indignation exasperated
      exasperating provoked provoking hotheaded temper tantrum cursing hostility animosity
      antagonistic aggressive aggression belligerent combative confrontational spiteful spite
      malice malicious vindictive bitterness grudge grievance peeved vexed irked irk riled
      unforgivable inexcusable insult humiliated humiliating patronizing condescending arrogant
      entitled selfish liar lying lied cheat cheated cheating betrayal backstab backstabbing
      traitor harass harassed harassment bully bullied bullying sabotage sabotaged moron asshole
      bastard dumbass`,
    mild: `upset impatient bothered grumpy cranky dumb whatever hmph smh
      enough complain complaining
      snapped steaming boiling slam slammed smash punch destroy ignorant crap shit fuck fucked
      bloody hell screwed absurd nonsense bullshit useless heated`,
  },
  ANTICIPATION: {
    strong: `eager eagerly anticipate anticipating anticipation countdown
      hyped hype pumped 🤞 ⏳`,
    normal: `expect expecting expectation await awaiting hope hoping hopeful hopefully plan
      planning plans prepare preparing preparation soon upcoming curious curiosity wonder
      wondering wish wishing dream dreaming goal goals aim excited excitement exciting
      ready future someday eventually waiting trip vacation holiday journey
      adventure launch premiere release stoked intrigued intriguing 🔜 👀
      anticipated expectant expectantly awaited forthcoming imminent impending approaching nearing
      optimistic optimism aspire aspiration aspiring ambition ambitious intend intention milestone
      scheduled prepared preparations readiness packing booked reservation ticket tickets concert
      festival debut graduation promotion audition prospect prospects opportunity possibility
      possibilities promising cliffhanger teaser trailer sequel preview planned strategize
      brainstorm explore exploring discover discovery`,
    mild: `interested interest want wanting maybe might tomorrow predict forecast next later weekend
      exam deadline interview date tonight start starting begin beginning
      event schedule agenda target objective purpose pack booking application apply results
      outcome potential chance guess spoiler episode season project build building learn learning
      practice training progress quest new craving soonish`,
  },
};

/** Multi-word cues, written as winkNLP normalises them ("can't" becomes "can not"). */
export const EMOTION_PHRASES: readonly {
  readonly phrase: string;
  readonly cues: Readonly<Partial<Record<PlutchikEmotion, number>>>;
}[] = [
  { phrase: 'can not wait', cues: { ANTICIPATION: 1.6, JOY: 0.5 } },
  { phrase: 'looking forward', cues: { ANTICIPATION: 1.4, JOY: 0.4 } },
  { phrase: 'look forward', cues: { ANTICIPATION: 1.4, JOY: 0.4 } },
  { phrase: 'over the moon', cues: { JOY: 1.6 } },
  { phrase: 'on cloud nine', cues: { JOY: 1.6 } },
  { phrase: 'never been better', cues: { JOY: 1.3 } },
  { phrase: 'not bad', cues: { JOY: 0.4 } },
  { phrase: 'miss you', cues: { SADNESS: 1, TRUST: 0.6 } },
  { phrase: 'thank you', cues: { TRUST: 1, JOY: 0.4 } },
  { phrase: 'count on', cues: { TRUST: 1 } },
  { phrase: 'fed up', cues: { ANGER: 1.2, DISGUST: 0.5 } },
  { phrase: 'pissed off', cues: { ANGER: 1.5 } },
  { phrase: 'sick of', cues: { ANGER: 0.9, DISGUST: 0.8 } },
  { phrase: 'tired of', cues: { ANGER: 0.7, SADNESS: 0.5 } },
  { phrase: 'had enough', cues: { ANGER: 1 } },
  { phrase: 'freaking out', cues: { FEAR: 1.5 } },
  { phrase: 'freaked out', cues: { FEAR: 1.5 } },
  { phrase: 'scared to death', cues: { FEAR: 2 } },
  { phrase: 'on edge', cues: { FEAR: 1 } },
  { phrase: 'grossed out', cues: { DISGUST: 1.5 } },
  { phrase: 'let down', cues: { SADNESS: 1 } },
  { phrase: 'broke my heart', cues: { SADNESS: 1.6 } },
  { phrase: 'passed away', cues: { SADNESS: 1.5 } },
  { phrase: 'oh my god', cues: { SURPRISE: 1.4 } },
  { phrase: 'oh my gosh', cues: { SURPRISE: 1.4 } },
  { phrase: 'no way', cues: { SURPRISE: 1.2 } },
  { phrase: 'what the hell', cues: { SURPRISE: 0.8, ANGER: 0.8 } },
  { phrase: 'what the fuck', cues: { SURPRISE: 0.8, ANGER: 1.2 } },
  { phrase: 'mind blown', cues: { SURPRISE: 1.5 } },
  { phrase: 'jaw dropping', cues: { SURPRISE: 1.3 } },
  { phrase: 'heart broken', cues: { SADNESS: 1.5 } },
  { phrase: 'feeling down', cues: { SADNESS: 1 } },
  { phrase: 'feel down', cues: { SADNESS: 1 } },
  { phrase: 'feeling blue', cues: { SADNESS: 1 } },
  { phrase: 'did not expect', cues: { SURPRISE: 1.2 } },
  { phrase: 'not expect', cues: { SURPRISE: 1 } },
  { phrase: 'never expected', cues: { SURPRISE: 1.2 } },
  { phrase: 'not expecting', cues: { SURPRISE: 1 } },
  { phrase: 'taken aback', cues: { SURPRISE: 1.2 } },
  { phrase: 'out of nowhere', cues: { SURPRISE: 1 } },
  { phrase: 'can not believe', cues: { SURPRISE: 1.3 } },
  { phrase: 'blown away', cues: { SURPRISE: 1, JOY: 0.8 } },
  { phrase: 'holy cow', cues: { SURPRISE: 1.3 } },
  { phrase: 'holy shit', cues: { SURPRISE: 1.4 } },
  { phrase: 'oh no', cues: { FEAR: 0.8, SURPRISE: 0.5 } },
  { phrase: 'ticked off', cues: { ANGER: 1.2 } },
  { phrase: 'plot twist', cues: { SURPRISE: 1.2 } },
];

/** Added to a cue's weight (as a fraction) when one of these precedes it within two tokens. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  very: 0.5,
  so: 0.5,
  really: 0.4,
  extremely: 0.7,
  super: 0.5,
  totally: 0.4,
  absolutely: 0.5,
  incredibly: 0.6,
  truly: 0.4,
  deeply: 0.5,
  completely: 0.5,
  utterly: 0.6,
  highly: 0.4,
  too: 0.3,
  such: 0.3,
  most: 0.4,
  hella: 0.5,
  mega: 0.4,
  freaking: 0.4,
  fucking: 0.6,
  insanely: 0.6,
  ridiculously: 0.5,
  seriously: 0.3,
  pretty: 0.2,
  quite: 0.2,
  way: 0.3,
  sooo: 0.6,
};

/** Added when one of these follows a cue within three tokens ("love you so much", "tired af"). */
export const TRAILING_INTENSIFIERS: Readonly<Record<string, number>> = {
  much: 0.4,
  af: 0.5,
  asf: 0.5,
  lot: 0.3,
  tons: 0.3,
  forever: 0.3,
};

/** Multiplies a cue's weight when one of these precedes it within two tokens. */
export const DIMINISHERS: Readonly<Record<string, number>> = {
  slightly: 0.5,
  somewhat: 0.6,
  kinda: 0.6,
  sorta: 0.6,
  barely: 0.4,
  little: 0.6,
  bit: 0.6,
  mildly: 0.6,
  fairly: 0.8,
  almost: 0.7,
  hardly: 0.4,
};

/** Tokens whose Porter stem collides with a lexicon word ("please" and "pleased" share "pleas"). */
export const STEM_EXCLUSIONS: readonly string[] = [
  'please',
  'help',
  'kind',
  'like',
  'mean',
  'well',
  'wait',
  'right',
  'lot',
  'lie',
  'bore',
  'part',
];
