import type { StepMessages } from './types.js';

/** Wraps text of unknown direction in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE. */
const iso = (text: string) => `\u2068${text}\u2069`;
const num = (n: number) => new Intl.NumberFormat('fa').format(n);
/** „۳ نیاز“: number and singular noun. */
const count = (noun: string) => (n: number) => `${num(n)} ${noun}`;

/**
 * Persian strings of the working views of steps 1–6 and the step navigation (terms as in
 * `../fa.ts`: Steuergruppe = گروه راهبری, Handlungsfeld = حوزهٔ کاری, Bedürfnis = نیاز).
 */
export const faSteps: StepMessages = {
  steps: {
    openView: 'فضای کار',
    openViewNamed: (step) => `باز کردن فضای کار: ${iso(step)}`,
    heading: (number, label) => `مرحلهٔ ${number}: ${iso(label)}`,
    nav: {
      label: 'مراحل فرایند',
      previous: 'مرحلهٔ قبلی',
      next: 'مرحلهٔ بعدی',
      overview: 'بازگشت به نمای کلی',
    },
    intros: {
      1: 'جلب حمایت مدیریت شهری برای فرایند و تعیین اینکه چه کسانی در گروه راهبری کار می‌کنند.',
      2: 'گروه راهبری روشن می‌کند که با هم به چه می‌خواهد برسد، حوزه‌های کاری را جمع می‌کند، ذی‌نفعان را تحلیل می‌کند و تاریخ کارگاه‌ها را تعیین می‌کند.',
      3: 'پناهجویان نیازها و خواسته‌های خود را می‌گویند – برای هر نیاز یک مشارکت، اگر بخواهند به زبان خودشان. سپس نیازها به حوزه‌های کاری نسبت داده می‌شوند.',
      4: 'ارائهٔ نتایج مشورت و تصویب حوزه‌های کاری.',
      5: 'برای هر حوزهٔ کاری: وضعیت فعلی، نخستین هدف‌ها، هدف‌های میانی و اقدام‌ها – اداره، جامعهٔ مدنی و بخش اقتصادی با هم.',
      6: 'مشخص کردن هدف‌ها (یک فهرست بررسی برای هر هدف) و دقیق کردن اقدام‌ها: چه کسی، تا چه زمانی، در چه وضعیتی.',
    },
    leadership: {
      supportHeading: 'حمایت مدیریت',
      supportLabel: 'تعهدات مدیریت شهری (یادداشت‌ها)',
      steeringHeading: 'گروه راهبری',
      steeringIntro:
        'اداره‌ها، مسئولان ویژه و نهادهایی که فرایند را هدایت می‌کنند. اداره یا سمت هر عضو کنار نام او نوشته می‌شود.',
      steeringEmpty: 'هنوز کسی در گروه راهبری نیست.',
      member: 'در گروه راهبری',
      memberOf: (name) => `${iso(name)} در گروه راهبری است`,
      office: 'اداره یا سمت',
      addLabel: 'عضو تازهٔ گروه راهبری',
      addPlaceholder: 'مثلاً ادارهٔ امور اجتماعی',
      othersHeading: 'دیگر ذی‌نفعان',
      othersEmpty: 'ذی‌نفع دیگری نیست.',
    },
    kickoff: {
      questionHeading: 'پرسش راهنما',
      question: 'با هم به چه چیزی می‌خواهیم برسیم؟',
      answersLabel: 'پاسخ‌های گروه راهبری',
      gridHeading: 'تحلیل ذی‌نفعان',
      gridIntro: 'چه کسی چه اندازه بر ادغام در محل اثر دارد و علاقه‌اش چقدر است؟',
      gridKeys:
        'با کلیدهای جهت‌نما جابه‌جا کنید: بالا و پایین میزان نفوذ را تغییر می‌دهد، چپ و راست میزان علاقه را.',
      influence: 'نفوذ',
      interest: 'علاقه',
      low: 'کم',
      high: 'زیاد',
      position: (name, influence, interest) =>
        `${iso(name)}: نفوذ ${num(influence)}، علاقه ${num(interest)}`,
      display: 'نحوهٔ نمایش',
      asGrid: 'جدول',
      asList: 'فهرست',
      datesHeading: 'تاریخ نشست‌های بعدی',
      datesIntro: 'این تاریخ‌ها در نمای کلی مراحل فرایند هم دیده می‌شوند.',
      stepDate: (number, label) => `مرحلهٔ ${number}: ${iso(label)}`,
    },
    consultation: {
      addLabel: 'نیاز شما',
      addPlaceholder: 'به چه چیزی نیاز دارید؟ در هر مشارکت یک نکته.',
      language: 'زبان مشارکت',
      notOpen: 'وقتی مدیریت جلسه این مرحله را باز کند، می‌توانید مشارکت کنید.',
      clustersHeading: 'به ترتیب حوزه‌های کاری',
      unassigned: 'هنوز بدون حوزهٔ کاری',
      count: count('نیاز'),
      empty: 'هنوز چیزی اینجا نیست.',
    },
    results: {
      heading: 'نتایج مشورت',
      needsCount: count('نیاز'),
      noNeeds: 'نیازی نسبت داده نشده است.',
      decideHeading: 'تصویب حوزه‌های کاری',
      decided: 'تصویب‌شده',
      decidedOf: (name) => `حوزهٔ کاری ${iso(name)} تصویب‌شده`,
      summary: (decided, total) => `${num(decided)} از ${num(total)} حوزهٔ کاری تصویب شده است`,
    },
    concrete: {
      goalsEmpty: 'هنوز هدفی نیست. هدف‌ها در کارگاه تحلیل (مرحلهٔ ۵) تعیین می‌شوند.',
      checklist: 'فهرست بررسی',
      specific: 'مشخص نوشته شده',
      measurable: 'قابل سنجش',
      ownerSet: 'مسئول تعیین شده',
      dueSet: 'تاریخ تعیین شده',
      owner: 'مسئول',
      due: 'تا چه زمانی',
      met: 'انجام شده',
      open: 'باز',
      progress: (met, total) => `${num(met)} از ${num(total)} انجام شده`,
      measuresHeading: 'دقیق کردن اقدام‌ها',
      measuresEmpty: 'هنوز اقدامی در این حوزهٔ کاری نیست.',
    },
  },
};
