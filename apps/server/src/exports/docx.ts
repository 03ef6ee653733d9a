import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Goal, Measure } from '@werkraum/model';
import {
  MEASURE_HEADERS,
  NO_GOAL_HEADING,
  paperTexts,
  printed,
  type DecisionPaper,
  type PrintedText,
} from './decision.js';
import { MEASURE_STATUS_DE, germanDate, isRtlText } from './labels.js';

const FONT = 'Arial';

/** A paragraph of user text: right to left (bidirectional) for Arabic or Farsi script. */
function textParagraph(
  text: string,
  rtl: boolean,
  options: {
    bold?: boolean;
    italics?: boolean;
    heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
    prefix?: string;
    size?: number;
  } = {},
): Paragraph {
  const children: ParagraphChild[] = [];
  if (options.prefix) children.push(new TextRun({ text: options.prefix, bold: options.bold }));
  children.push(
    new TextRun({
      text,
      bold: options.bold,
      boldComplexScript: options.bold,
      italics: options.italics,
      italicsComplexScript: options.italics,
      rightToLeft: rtl,
      size: options.size,
      language: rtl ? { bidirectional: 'ar-SA' } : { value: 'de-DE' },
    }),
  );
  return new Paragraph({
    children,
    heading: options.heading,
    bidirectional: rtl,
    alignment: rtl ? AlignmentType.START : undefined,
  });
}

/** The original text, and the German translation beneath it (italic) when there is one. */
function printedParagraphs(
  value: PrintedText,
  options: {
    bold?: boolean;
    heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
    prefix?: string;
  } = {},
): Paragraph[] {
  const paragraphs = [textParagraph(value.text, value.rtl, options)];
  if (value.de) {
    paragraphs.push(textParagraph(`Deutsch: ${value.de}`, false, { italics: true, size: 20 }));
  }
  return paragraphs;
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function cell(children: Paragraph[], width: number, header = false): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    borders,
    shading: header ? { fill: 'E7E6E6', color: 'auto', type: 'clear' } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

const WIDTHS = [46, 26, 13, 15];

function measureTable(measures: Measure[]): Table {
  const header = new TableRow({
    tableHeader: true,
    children: MEASURE_HEADERS.map((label, i) =>
      cell(
        [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })],
        WIDTHS[i]!,
        true,
      ),
    ),
  });
  const rows = measures.map(
    (measure) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(printedParagraphs(printed(measure, 'title')), WIDTHS[0]!),
          cell(printedParagraphs(printed(measure, 'owner')), WIDTHS[1]!),
          cell([new Paragraph(germanDate(measure.due) || '–')], WIDTHS[2]!),
          cell([new Paragraph(MEASURE_STATUS_DE[measure.status])], WIDTHS[3]!),
        ],
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}

function goalLine(goal: Goal): Paragraph | null {
  const parts: string[] = [];
  if (goal.owner.trim()) parts.push(`Verantwortlich: ${goal.owner}`);
  if (goal.due) parts.push(`Zieldatum: ${germanDate(goal.due)}`);
  if (parts.length === 0) return null;
  return textParagraph(parts.join(' · '), false);
}

/**
 * The decision paper (Beschlussvorlage) for the Stadtrat or Kreistag as a Word document: the
 * decided goals per field of action with their milestones and a table of the decided measures
 * (owner, due date, status). Right-to-left texts are bidirectional paragraphs; a German
 * translation stands beneath its original.
 */
export async function renderDecisionDocx(paper: DecisionPaper): Promise<Buffer> {
  const t = paperTexts(paper);
  const body: (Paragraph | Table)[] = [
    new Paragraph({ text: t.kind, heading: HeadingLevel.TITLE }),
    textParagraph(paper.municipality, isRtlText(paper.municipality), { bold: true }),
    textParagraph(paper.boardTitle, isRtlText(paper.boardTitle), {
      heading: HeadingLevel.HEADING_1,
    }),
    new Paragraph({
      children: [new TextRun({ text: 'Gremium: ', bold: true }), new TextRun(t.council)],
    }),
    new Paragraph({
      children: [new TextRun({ text: 'Grundlage: ', bold: true }), new TextRun(t.versionLine)],
    }),
    new Paragraph({ text: 'Beschlussvorschlag', heading: HeadingLevel.HEADING_2 }),
    new Paragraph(t.proposal),
    new Paragraph({
      children: [new TextRun({ text: 'Umfang: ', bold: true }), new TextRun(t.summary)],
    }),
  ];
  if (paper.zielerklaerung.fields.length === 0) body.push(new Paragraph(t.empty));
  for (const { field, goals } of paper.zielerklaerung.fields) {
    body.push(
      ...printedParagraphs(printed(field, 'title'), {
        heading: HeadingLevel.HEADING_2,
        prefix: 'Handlungsfeld: ',
      }),
    );
    for (const bucket of goals) {
      if (bucket.goal) {
        body.push(
          ...printedParagraphs(printed(bucket.goal, 'title'), {
            heading: HeadingLevel.HEADING_3,
            prefix: 'Ziel: ',
          }),
        );
        const line = goalLine(bucket.goal);
        if (line) body.push(line);
      } else {
        body.push(new Paragraph({ text: NO_GOAL_HEADING, heading: HeadingLevel.HEADING_3 }));
      }
      if (bucket.milestones.length > 0) {
        body.push(new Paragraph({ children: [new TextRun({ text: 'Meilensteine', bold: true })] }));
        for (const milestone of bucket.milestones) {
          const title = printed(milestone, 'title');
          const due = milestone.due ? ` – bis ${germanDate(milestone.due)}` : '';
          body.push(
            new Paragraph({
              bullet: { level: 0 },
              bidirectional: title.rtl,
              children: [
                new TextRun({ text: title.text, rightToLeft: title.rtl }),
                new TextRun({ text: due }),
              ],
            }),
          );
          if (title.de)
            body.push(textParagraph(`Deutsch: ${title.de}`, false, { italics: true, size: 20 }));
        }
      }
      if (bucket.measures.length > 0) {
        body.push(new Paragraph({ children: [new TextRun({ text: 'Maßnahmen', bold: true })] }));
        body.push(measureTable(bucket.measures));
        body.push(new Paragraph(''));
      }
    }
  }
  const doc = new Document({
    creator: 'Werkraum',
    title: `${t.kind}: ${paper.boardTitle}`,
    description: t.versionLine,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120 } } },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1417, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ children: [new TextRun({ text: t.footer, size: 18 })] })],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
