import type { StepMessages } from './types.js';

const rules = new Intl.PluralRules('uk');
/** The form for `n`: [one, few, many, other], e.g. „1 потреба“, „2 потреби“, „5 потреб“. */
const count =
  ([one, few, many, other]: [string, string, string, string]) =>
  (n: number) => {
    const rule = rules.select(n);
    return `${n} ${rule === 'one' ? one : rule === 'few' ? few : rule === 'many' ? many : other}`;
  };

/** Ukrainian strings of the working views of steps 1–6 and the step navigation. */
export const ukSteps: StepMessages = {
  steps: {
    openView: 'Робочий вигляд',
    openViewNamed: (step) => `Відкрити робочий вигляд: ${step}`,
    heading: (number, label) => `Етап ${number}: ${label}`,
    nav: {
      label: 'Етапи процесу',
      previous: 'Попередній етап',
      next: 'Наступний етап',
      overview: 'До огляду',
    },
    intros: {
      1: 'Здобути підтримку керівництва громади для процесу й домовитися, хто працює в керівній групі.',
      2: 'Керівна група з’ясовує, чого хоче досягти разом, збирає сфери дій, аналізує зацікавлені сторони й призначає дати воркшопів.',
      3: 'Біженці називають свої потреби та інтереси – один допис на одну потребу, за бажанням рідною мовою. Потім потреби розподіляють за сферами дій.',
      4: 'Представити результати консультації та ухвалити сфери дій.',
      5: 'Для кожної сфери дій: поточний стан, перші цілі, контрольні точки й заходи – адміністрація, громадянське суспільство й бізнес разом.',
      6: 'Зробити цілі конкретними (чекліст для кожної цілі) й уточнити заходи: хто, до коли, на якому етапі.',
    },
    leadership: {
      supportHeading: 'Підтримка керівництва',
      supportLabel: 'Що обіцяє керівництво громади (нотатки)',
      steeringHeading: 'Керівна група',
      steeringIntro:
        'Відомства, уповноважені та організації, що керують процесом. Посада чи функція записується біля кожного учасника.',
      steeringEmpty: 'У керівній групі поки нікого немає.',
      member: 'у керівній групі',
      memberOf: (name) => `«${name}» у керівній групі`,
      office: 'Відомство або функція',
      addLabel: 'Новий учасник керівної групи',
      addPlaceholder: 'напр. соціальне відомство',
      othersHeading: 'Інші зацікавлені сторони',
      othersEmpty: 'Інших зацікавлених сторін немає.',
    },
    kickoff: {
      questionHeading: 'Головне питання',
      question: 'Чого ми хочемо досягти разом?',
      answersLabel: 'Відповіді керівної групи',
      gridHeading: 'Аналіз зацікавлених сторін',
      gridIntro: 'Хто й наскільки впливає на інтеграцію на місці і наскільки він зацікавлений?',
      gridKeys:
        'Переміщуйте клавішами зі стрілками: вгору й вниз змінює вплив, убік – зацікавленість.',
      influence: 'Вплив',
      interest: 'Зацікавленість',
      low: 'низький',
      high: 'високий',
      position: (name, influence, interest) =>
        `${name}: вплив ${influence}, зацікавленість ${interest}`,
      display: 'Вигляд',
      asGrid: 'Сітка',
      asList: 'Список',
      datesHeading: 'Дати наступних зустрічей',
      datesIntro: 'Дати також видно в огляді етапів процесу.',
      stepDate: (number, label) => `Етап ${number}: ${label}`,
    },
    consultation: {
      addLabel: 'Ваша потреба',
      addPlaceholder: 'Що вам потрібно? Один пункт на допис.',
      language: 'Мова допису',
      notOpen: 'Додавати дописи можна, щойно модератор відкриє цей етап.',
      clustersHeading: 'За сферами дій',
      unassigned: 'Ще без сфери дій',
      count: count(['потреба', 'потреби', 'потреб', 'потреби']),
      empty: 'Тут поки нічого немає.',
    },
    results: {
      heading: 'Результати консультації',
      needsCount: count(['потреба', 'потреби', 'потреб', 'потреби']),
      noNeeds: 'Потреби не призначено.',
      decideHeading: 'Ухвалити сфери дій',
      decided: 'ухвалено',
      decidedOf: (name) => `Сферу дій «${name}» ухвалено`,
      summary: (decided, total) => `Ухвалено сфер дій: ${decided} з ${total}`,
    },
    concrete: {
      goalsEmpty: 'Цілей поки немає. Їх формулюють на аналітичному воркшопі (етап 5).',
      checklist: 'Чекліст',
      specific: 'сформульовано конкретно',
      measurable: 'вимірювано',
      ownerSet: 'відповідального визначено',
      dueSet: 'термін визначено',
      owner: 'Відповідальні',
      due: 'До коли',
      met: 'виконано',
      open: 'відкрито',
      progress: (met, total) => `Виконано ${met} з ${total}`,
      measuresHeading: 'Уточнити заходи',
      measuresEmpty: 'У цій сфері дій поки немає заходів.',
    },
  },
};
