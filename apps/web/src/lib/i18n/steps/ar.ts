import type { StepMessages } from './types.js';

/** Wraps text of unknown direction in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE. */
const iso = (text: string) => `\u2068${text}\u2069`;
const num = (n: number) => new Intl.NumberFormat('ar').format(n);
const rules = new Intl.PluralRules('ar');
/** One form per Arabic plural category; `#` stands for the localised number. */
type Forms = Record<Intl.LDMLPluralRule, string>;
const plural = (forms: Forms) => (n: number) => forms[rules.select(n)].replace('#', num(n));

/**
 * Arabic strings of the working views of steps 1–6 and the step navigation (terms as in
 * `../ar.ts`: Steuergruppe = الفريق التوجيهي, Handlungsfeld = مجال العمل, Bedürfnis = احتياج).
 */
export const arSteps: StepMessages = {
  steps: {
    openView: 'مساحة العمل',
    openViewNamed: (step) => `فتح مساحة العمل: ${iso(step)}`,
    heading: (number, label) => `الخطوة ${number}: ${iso(label)}`,
    nav: {
      label: 'خطوات العملية',
      previous: 'الخطوة السابقة',
      next: 'الخطوة التالية',
      overview: 'العودة إلى النظرة العامة',
    },
    intros: {
      1: 'كسب دعم القيادة البلدية للعملية وتحديد من يعمل في الفريق التوجيهي.',
      2: 'يتفق الفريق التوجيهي على ما يريد تحقيقه معًا، ويجمع مجالات العمل، ويحلّل الجهات المعنية، ويحدّد مواعيد ورش العمل.',
      3: 'يذكر اللاجئون احتياجاتهم واهتماماتهم – مساهمة واحدة لكل احتياج، ويمكن كتابتها بلغتهم. بعد ذلك تُوزَّع الاحتياجات على مجالات العمل.',
      4: 'عرض نتائج التشاور واعتماد مجالات العمل.',
      5: 'لكل مجال عمل: الوضع الراهن، والأهداف الأولى، والأهداف المرحلية، والإجراءات – الإدارة والمجتمع المدني وقطاع الأعمال معًا.',
      6: 'جعل الأهداف ملموسة (قائمة تحقق لكل هدف) وتدقيق الإجراءات: من، ومتى، وإلى أين وصل العمل.',
    },
    leadership: {
      supportHeading: 'دعم القيادة',
      supportLabel: 'ما تلتزم به القيادة البلدية (ملاحظات)',
      steeringHeading: 'الفريق التوجيهي',
      steeringIntro:
        'الدوائر والمفوَّضون والجهات التي توجّه العملية. تُكتب الدائرة أو الوظيفة عند كل عضو.',
      steeringEmpty: 'لا يوجد أحد في الفريق التوجيهي بعد.',
      member: 'في الفريق التوجيهي',
      memberOf: (name) => `${iso(name)} في الفريق التوجيهي`,
      office: 'الدائرة أو الوظيفة',
      addLabel: 'عضو جديد في الفريق التوجيهي',
      addPlaceholder: 'مثلًا: مكتب الشؤون الاجتماعية',
      othersHeading: 'جهات معنية أخرى',
      othersEmpty: 'لا توجد جهات معنية أخرى.',
    },
    kickoff: {
      questionHeading: 'السؤال الموجِّه',
      question: 'ماذا نريد أن نحقق معًا؟',
      answersLabel: 'إجابات الفريق التوجيهي',
      gridHeading: 'تحليل الجهات المعنية',
      gridIntro: 'من له أي قدر من التأثير على الاندماج محليًا، وما مدى اهتمامه؟',
      gridKeys: 'انقل بمفاتيح الأسهم: للأعلى والأسفل يغيّر التأثير، وللجانبين يغيّر الاهتمام.',
      influence: 'التأثير',
      interest: 'الاهتمام',
      low: 'منخفض',
      high: 'مرتفع',
      position: (name, influence, interest) =>
        `${iso(name)}: التأثير ${num(influence)}، الاهتمام ${num(interest)}`,
      display: 'طريقة العرض',
      asGrid: 'شبكة',
      asList: 'قائمة',
      datesHeading: 'مواعيد الاجتماعات القادمة',
      datesIntro: 'تظهر المواعيد أيضًا في النظرة العامة على خطوات العملية.',
      stepDate: (number, label) => `الخطوة ${number}: ${iso(label)}`,
    },
    consultation: {
      addLabel: 'احتياجك',
      addPlaceholder: 'ماذا تحتاج؟ نقطة واحدة في كل مساهمة.',
      language: 'لغة المساهمة',
      notOpen: 'يمكنك المساهمة حين تفتح إدارة الجلسة هذه الخطوة.',
      clustersHeading: 'مرتّبة حسب مجالات العمل',
      unassigned: 'لم تُربط بمجال عمل بعد',
      count: plural({
        zero: 'لا احتياجات',
        one: 'احتياج واحد',
        two: 'احتياجان',
        few: '# احتياجات',
        many: '# احتياجًا',
        other: '# احتياج',
      }),
      empty: 'لا شيء هنا بعد.',
    },
    results: {
      heading: 'نتائج التشاور',
      needsCount: plural({
        zero: 'لا احتياجات',
        one: 'احتياج واحد',
        two: 'احتياجان',
        few: '# احتياجات',
        many: '# احتياجًا',
        other: '# احتياج',
      }),
      noNeeds: 'لم يُربط أي احتياج.',
      decideHeading: 'اعتماد مجالات العمل',
      decided: 'معتمَد',
      decidedOf: (name) => `مجال العمل ${iso(name)} معتمَد`,
      summary: (decided, total) => `اعتُمد ${num(decided)} من ${num(total)} من مجالات العمل`, // REVIEW: count phrasing
    },
    concrete: {
      goalsEmpty: 'لا توجد أهداف بعد. تُوضع في ورشة التحليل (الخطوة ٥).',
      checklist: 'قائمة التحقق',
      specific: 'مصاغ بشكل ملموس',
      measurable: 'قابل للقياس',
      ownerSet: 'المسؤول محدَّد',
      dueSet: 'الموعد محدَّد',
      owner: 'المسؤول',
      due: 'حتى تاريخ',
      met: 'مستوفى',
      open: 'مفتوح',
      progress: (met, total) => `${num(met)} من ${num(total)} مستوفاة`,
      measuresHeading: 'تدقيق الإجراءات',
      measuresEmpty: 'لا توجد إجراءات في مجال العمل هذا بعد.',
    },
  },
};
