import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import {
  FRACTION, INT, NUM, TEXT, choice, dashSuffix, digits, ends, exact, fitted, gen, int, maxLen, num, pick, pool, tablePrefix, tables, type ColumnFacts, type Rule,
} from './kit.ts';

// Education: subjects, grade levels, letter grades, marks within bounds, terms, school classes
// ("10-A"), streams, qualifications, lesson topics, exams, clubs, events, ranks.

const SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F'];
const CLASS_NAMES = Array.from({ length: 13 }, (_, g) => SECTIONS.map((s) => `${g + 1}-${s}`)).flat();
const GRADE_LEVELS = Array.from({ length: 13 }, (_, g) => `Grade ${g + 1}`);
const TERMS = ['Term 1', 'Term 2', 'Term 3', 'First Term', 'Second Term', 'Third Term', 'Semester 1', 'Semester 2', 'Fall 2024', 'Spring 2025', 'Summer 2025', 'Fall 2025'];
const RESULT_TABLES = /(mark|result|score|exam|assessment|report_card|grade_book|gradebook|transcript|submission|enrol?lment|al_exam|ol_exam|evaluation|grading)/;

/** Normal-ish z-score in [-3, 3]: the mean of three uniforms, scaled. */
const zscore = (r: Rng) => Math.round(((r.float() + r.float() + r.float()) * 2 - 3) * 100) / 100;

/** "ADM-2024-01234": a table prefix, a year and digits, shortened to fit the column. */
function studentCode(f: ColumnFacts) {
  const max = maxLen(f);
  const p = tablePrefix(f.table);
  return gen((r) => {
    const y = r.int(2015, 2025);
    const full = `${p}-${y}-${digits(r, 5)}`;
    if (full.length <= max) return full;
    const mid = `${y}${digits(r, 5)}`;
    if (mid.length <= max) return mid;
    return digits(r, Math.max(1, Math.min(max, 15)));
  }, dashSuffix);
}

export const educationRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'edu.subject.context',
    column: exact('name', 'title', 'subject_name', 'course_name', 'display_name', 'name_(en|english|si|sinhala|ta|tamil|local)'),
    table: tables('subjects?', 'courses?', 'disciplines?', 'school_subjects?', 'subject_areas?'),
    kinds: TEXT,
    make: (f) => pool(f, P.subjects),
    doc: '`name` in a subjects/courses table: Mathematics, Physics, Information Technology …',
    example: 'subjects.name VARCHAR(100)',
  },
  {
    id: 'edu.subjectCode.context',
    column: exact('code', 'subject_code', 'course_code', 'short_code', 'short_name', 'abbreviation', 'abbr'),
    table: tables('subjects?', 'courses?', 'modules?'),
    kinds: TEXT,
    make: (f) => (maxLen(f) >= 7 ? gen((r) => `${pick(r, P.subjectCodes)}${r.int(100, 499)}`, dashSuffix) : pool(f, P.subjectCodes, dashSuffix)),
    doc: 'Codes of subjects/courses: MATH101, PHY220.',
    example: 'subjects.code VARCHAR(20)',
  },
  {
    id: 'edu.gradeLevel.context',
    column: exact('name', 'grade_name', 'title', 'label', 'level_name', 'display_name'),
    table: tables('grade_levels?', 'grades', 'year_levels?', 'year_groups?', 'forms'),
    kinds: TEXT,
    make: (f) => pool(f, GRADE_LEVELS),
    doc: '`name` in a grade-levels table: Grade 1 … Grade 13.',
    example: 'grade_levels.grade_name VARCHAR(30)',
  },
  {
    id: 'edu.class.context',
    column: exact('name', 'class_name', 'section_name', 'section', 'title', 'label', 'code', 'class_code', 'display_name'),
    table: tables('classes', 'class', 'classrooms?', 'sections?', 'homerooms?', 'class_sections?', 'school_classes'),
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 2 ? choice(f, SECTIONS) : pool(f, CLASS_NAMES)),
    doc: '`name` in a classes/sections table: school classes "10-A", "7-C" (a section letter in 1–2 characters).',
    example: 'classes.section_name VARCHAR(5)',
  },
  {
    id: 'edu.term.context',
    column: exact('name', 'term_name', 'title', 'label', 'semester_name'),
    table: tables('terms?', 'semesters?', 'academic_terms?', 'quarters?'),
    kinds: TEXT,
    make: (f) => pool(f, TERMS),
    doc: '`name` in a terms table: Term 1, Second Term, Fall 2024 …',
    example: 'terms.name VARCHAR(30)',
  },
  {
    id: 'edu.stream.context',
    column: exact('name', 'stream_name', 'title'),
    table: tables('streams?', 'tracks_academic', 'pathways?'),
    kinds: TEXT,
    make: (f) => pool(f, P.streams),
    doc: '`name` in a streams table: Science, Commerce, Arts, Technology …',
    example: 'streams.name VARCHAR(50)',
  },
  {
    id: 'edu.lesson.context',
    column: exact('title', 'name', 'topic', 'topic_name', 'unit_name', 'unit_title', 'lesson_title', 'module_name', 'chapter_title', 'sub_topic'),
    table: tables('lessons?', 'lesson_plans?', 'syllab(us|i|uses)', 'topics?', 'units?', 'curriculum_units?', 'modules?', 'chapters?', 'curricula', 'curriculums?', 'learning_objectives?', 'lesson_progress'),
    kinds: TEXT,
    make: (f) => pool(f, P.lessonTopics),
    doc: '`title`/`name` of a lesson, unit, syllabus topic: "Photosynthesis", "Linear Equations".',
    example: 'syllabus.topic_name VARCHAR(200)',
  },
  {
    id: 'edu.exam.context',
    column: exact('name', 'title', 'exam_name', 'test_name', 'assessment_name'),
    table: tables('exams?', 'examinations?', 'tests?', 'assessments?', 'quiz(zes)?', 'exam_types?'),
    kinds: TEXT,
    make: fitted((r) => `${pick(r, P.examNames)} ${r.int(2021, 2025)}`),
    doc: '`name` of an exam: "Second Term Test 2024".',
    example: 'exams.name VARCHAR(150)',
  },
  {
    id: 'edu.club.context',
    column: exact('name', 'club_name', 'title', 'society_name'),
    table: tables('clubs?', 'societies', 'society', 'extracurriculars?', 'cocurricular_activities'),
    kinds: TEXT,
    make: (f) => pool(f, P.clubs),
    doc: '`name` of a club/society: Chess Club, Robotics Club …',
    example: 'clubs.name VARCHAR(100)',
  },
  {
    id: 'edu.event.context',
    column: exact('name', 'title', 'event_name', 'activity_name', 'competition_name', 'event_title'),
    table: /^(events?|activities|cultural_events?|sport_events?|sports_events?|competitions?|school_calendar|calendar_events?|club_activities|school_events?|ceremonies|extracurricular_activities)$/,
    kinds: TEXT,
    make: (f) => pool(f, P.schoolEvents),
    doc: '`name` of an event/activity/competition: Annual Sports Meet, Science Fair, Prize Giving …',
    example: 'cultural_events.name VARCHAR(150)',
  },
  {
    id: 'edu.level.context',
    column: exact('level', 'competition_level', 'event_level', 'achievement_level'),
    table: /(competition|event|achievement|award|tournament|contest|olympiad)/,
    kinds: TEXT,
    make: (f) => choice(f, P.competitionLevels),
    doc: '`level` of a competition/achievement: school, zonal, district, national, international.',
    example: 'competitions.level VARCHAR(15)',
  },
  {
    id: 'edu.letterGrade.context',
    column: exact('grade', 'result', 'grade_obtained'),
    table: RESULT_TABLES,
    kinds: TEXT,
    make: (f) => (maxLen(f) === 1 ? choice(f, P.letterGrades) : choice(f, P.fineLetterGrades)),
    doc: '`grade` in a marks/results/exams table: a letter grade (A+ … F).',
    example: 'student_marks.grade VARCHAR(2)',
  },
  // ── Columns ───────────────────────────────────────────────────────────────────────────
  {
    id: 'edu.subject',
    column: exact('subject', 'subjects', 'subject_name', 'course', 'course_name', 'course_title', 'discipline', 'major', 'minor', 'specialization', 'specialisation', 'specialization_name', 'teaching_subject', 'teaching_subjects', 'main_subject', 'favourite_subject', 'favorite_subject', 'subject_area', 'field_of_study', 'content_area', 'curriculum_focus', 'subject_focus', 'academic_focus'),
    kinds: TEXT,
    make: (f) => pool(f, P.subjects),
    doc: 'School subjects.',
    example: 'teachers.subject TEXT',
  },
  {
    id: 'edu.subjectCode',
    column: exact('subject_code', 'course_code', 'module_code', 'unit_code', 'paper_code'),
    kinds: TEXT,
    make: (f) => gen((r) => { const s = `${pick(r, P.subjectCodes)}${r.int(100, 499)}`; return s.slice(0, maxLen(f)); }, dashSuffix),
    doc: 'Subject/course codes MATH101.',
    example: 'enrollments.course_code TEXT',
  },
  {
    id: 'edu.gradeLevel.int',
    column: exact('grade_level', 'grade_number', 'grade', 'year_level', 'grade_no', 'class_level', 'standard', 'form', 'year_group', 'current_grade', 'target_grade_level', 'grade_level_id_num'),
    kinds: INT,
    make: () => int(1, 13),
    doc: 'Integer grade levels 1–13 (a CHECK narrows it).',
    example: 'grade_levels.grade_number INTEGER',
  },
  {
    id: 'edu.gradeLevel',
    column: /^(grade_level|grade_name|year_level|class_level|grade_band|target_grade|current_grade|grade_left|grade_applied|entry_grade|year_group)$/,
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 2 ? gen((r) => String(r.int(1, 12))) : pool(f, GRADE_LEVELS)),
    doc: 'Grade levels as text: Grade 1 … Grade 13.',
    example: 'student_previous_schools.grade_left VARCHAR(10)',
  },
  {
    id: 'edu.gradeRange',
    column: exact('grade_level_range', 'grade_range', 'grade_levels', 'target_grades', 'age_range_grades'),
    kinds: TEXT,
    make: fitted((r) => { const a = r.int(1, 10); return `Grades ${a}-${a + r.int(1, 3)}`; }),
    doc: 'Grade ranges "Grades 6-8".',
    example: 'curricula.grade_level_range VARCHAR(20)',
  },
  {
    id: 'edu.letterGrade',
    column: /^(letter_grade|grade_letter|final_grade|overall_grade|result_grade|term_grade|course_grade|subject\d*_grade|[a-z]+_grade)$/,
    kinds: TEXT,
    make: (f) => (maxLen(f) === 1 ? choice(f, P.letterGrades) : /^subject\d*_grade$|^(al|ol)_/.test(f.column.name.toLowerCase()) ? choice(f, P.examGrades) : choice(f, P.fineLetterGrades)),
    doc: 'Letter grades A+ … F (A/B/C/S/W for subject1_grade-style exam results).',
    example: 'grading_criteria.grade_letter VARCHAR(2)',
  },
  {
    id: 'edu.grade',
    column: exact('grade'),
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 3 ? choice(f, P.fineLetterGrades) : pool(f, GRADE_LEVELS)),
    doc: '`grade` elsewhere: a letter grade in short columns, else a grade level.',
    example: 'students.grade VARCHAR(20)',
  },
  {
    id: 'edu.mark',
    column: /^(marks?|marks_obtained|mark_obtained|obtained_marks|raw_marks|raw_score|exam_score|test_score|quiz_score|assignment_score|old_marks|new_marks|average_marks|avg_marks|average_score|avg_score|subject_marks|general_test_marks|final_mark|final_marks|total_score|score_obtained|points_earned|percentage|percent_score|exam_marks|term_marks|coursework_marks|practical_marks|theory_marks|recent_average|historical_average|class_average)$/,
    kinds: NUM,
    make: (f) => num(f, 0, 100, 1),
    doc: 'Marks and percentages 0–100 (one decimal in REAL/NUMERIC columns).',
    example: 'student_marks.marks_obtained REAL',
  },
  {
    id: 'edu.maxMarks',
    column: exact('max_marks', 'maximum_marks', 'total_marks', 'full_marks', 'out_of', 'max_score', 'maximum_score', 'max_points', 'possible_points', 'marks_total', 'max_mark'),
    kinds: NUM,
    make: (f) => choice(f, [20, 25, 50, 75, 100]),
    doc: 'Maximum marks: 20, 25, 50, 75 or 100.',
    example: 'exam_subjects.max_marks INTEGER',
  },
  {
    id: 'edu.passMarks',
    column: ends('pass_marks', 'passing_marks', 'pass_mark', 'passing_score', 'pass_score', 'min_marks', 'minimum_marks', 'min_score', 'minimum_score', 'cutoff', 'cut_off', 'cutoff_marks', 'threshold_marks', 'cutoff_score'),
    kinds: NUM,
    make: () => int(30, 50),
    doc: 'Pass marks and lower bounds: 30–50.',
    example: 'exam_subjects.pass_marks INTEGER',
  },
  {
    id: 'edu.gpa',
    column: exact('gpa', 'cgpa', 'grade_point', 'grade_points', 'grade_point_average', 'gpa_score'),
    kinds: NUM,
    make: (f) => num(f, 0, 4, 2),
    doc: 'Grade points 0.00–4.00.',
    example: 'grading_criteria.grade_point REAL',
  },
  {
    id: 'edu.zscore',
    column: exact('z_?score', 'zscore_value', 'standard_score', 'z_value'),
    kinds: FRACTION,
    make: () => ({ label: '', next: zscore }),
    doc: 'Z-scores, roughly normal in −3…3.',
    example: 'al_exams.zscore REAL',
  },
  {
    id: 'edu.rank',
    column: exact('rank', 'class_rank', 'district_rank', 'island_rank', 'national_rank', 'school_rank', 'position_in_class', 'ranking', 'place', 'placing', 'standing', 'position', 'finishing_position', 'rank_position'),
    kinds: INT,
    make: () => int(1, 40),
    doc: 'Ranks and finishing positions 1–40.',
    example: 'competition_participants.position INTEGER',
  },
  {
    id: 'edu.percentileRank',
    column: exact('percentile', 'percentile_rank'),
    kinds: NUM,
    make: (f) => num(f, 1, 99, 1),
    doc: 'Percentiles 1–99.',
    example: 'student_zscores.percentile_rank REAL',
  },
  {
    id: 'edu.term',
    column: exact('term', 'term_name', 'semester', 'semester_name', 'academic_term', 'school_term', 'session_name'),
    kinds: TEXT,
    make: (f) => pool(f, TERMS),
    doc: 'Terms: Term 1, Second Term, Fall 2024 …',
    example: 'report_cards.term TEXT',
  },
  {
    id: 'edu.termNumber',
    column: exact('term_number', 'term_no', 'semester', 'semester_number', 'semester_no', 'term', 'quarter', 'term_index'),
    kinds: INT,
    make: (f) => (/quarter/.test(f.column.name.toLowerCase()) ? int(1, 4) : int(1, 3)),
    doc: 'Term numbers 1–3 (quarters 1–4).',
    example: 'terms.term_number INTEGER',
  },
  {
    id: 'edu.periodNumber',
    column: exact('period', 'period_number', 'period_no', 'lesson_number', 'slot_number', 'class_period'),
    kinds: INT,
    make: () => int(1, 8),
    doc: 'Timetable periods 1–8.',
    example: 'timetable.period_number INTEGER',
  },
  {
    id: 'edu.class',
    column: exact('class_name', 'class', 'section', 'section_name', 'homeroom', 'form_class', 'class_section', 'class_group', 'homeroom_class', 'school_class'),
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 2 ? choice(f, SECTIONS) : pool(f, CLASS_NAMES)),
    doc: 'School classes "10-A" (a section letter A–F in 1–2 characters).',
    example: 'students.class_name VARCHAR(10)',
  },
  {
    id: 'edu.stream',
    column: exact('stream', 'stream_name', 'academic_stream', 'al_stream'),
    kinds: TEXT,
    make: (f) => choice(f, P.streams),
    doc: 'Streams: Science, Commerce, Arts, Technology …',
    example: 'students.stream TEXT',
  },
  {
    id: 'edu.medium',
    column: exact('medium', 'language_of_instruction', 'instruction_language', 'teaching_medium', 'medium_of_instruction'),
    kinds: TEXT,
    make: (f) => choice(f, P.mediums),
    doc: 'Medium of instruction: English, Sinhala, Tamil.',
    example: 'classes.medium VARCHAR(10)',
  },
  {
    id: 'edu.educationLevel',
    column: exact('education_level', 'level_of_education', 'school_level', 'education', 'highest_education', 'applicable_level', 'academic_level', 'school_type', 'education_stage', 'level_of_study'),
    kinds: TEXT,
    make: (f) => pool(f, P.educationLevels),
    doc: 'Education levels: Primary, Junior Secondary, Advanced Level …',
    example: 'grade_levels.education_level VARCHAR(20)',
  },
  {
    id: 'edu.qualification',
    column: exact('qualification', 'qualifications', 'qualification_name', 'degree', 'degree_name', 'certification', 'certification_name', 'certificate_name', 'credential', 'highest_qualification', 'qualification_title'),
    kinds: TEXT,
    make: (f) => pool(f, P.qualifications),
    doc: 'Qualifications: B.Sc. in Mathematics, PGDE, Diploma in Teaching …',
    example: 'staff.highest_qualification TEXT',
  },
  {
    id: 'edu.qualificationType',
    column: exact('qualification_type', 'degree_type', 'certification_type', 'credential_type'),
    kinds: TEXT,
    make: (f) => choice(f, P.qualificationTypes),
    doc: 'degree, diploma, certificate, postgraduate, professional.',
    example: 'staff_qualifications.qualification_type VARCHAR(20)',
  },
  {
    id: 'edu.topic',
    column: exact('topic', 'topic_name', 'sub_topic', 'subtopic', 'lesson_title', 'lesson_name', 'lesson_topic', 'topic_covered', 'topics_covered', 'unit_title', 'unit_name', 'chapter', 'chapter_title', 'module_title', 'module_name', 'focus_area', 'learning_objective', 'curriculum_area', 'skill_focus'),
    kinds: TEXT,
    make: (f) => pool(f, P.lessonTopics),
    doc: 'Lesson topics: Fractions and Decimals, The Water Cycle, Aerobic Fitness …',
    example: 'lesson_progress.topic_covered TEXT',
  },
  {
    id: 'edu.assessmentType',
    column: exact('assessment_type', 'exam_type', 'test_type', 'evaluation_type', 'assessment_method', 'assessment_methods', 'evaluation_method', 'assessment_kind'),
    kinds: TEXT,
    make: (f) => choice(f, P.assessmentTypes),
    doc: 'Assessment types: quiz, test, exam, assignment, project, practical …',
    example: 'assessments.assessment_type TEXT',
  },
  {
    id: 'edu.qualification.context',
    column: exact('title', 'name', 'qualification_name', 'degree_name', 'certificate_name', 'certification_name'),
    table: tables('qualifications?', 'staff_qualifications?', 'certifications?', 'degrees?', 'credentials?', 'licen[cs]es?', 'teacher_certifications?'),
    kinds: TEXT,
    make: (f) => pool(f, P.qualifications),
    doc: '`title` in a qualifications/certifications table: B.Sc. in Mathematics, PGDE …',
    example: 'staff_qualifications.title VARCHAR(200)',
  },
  {
    id: 'edu.degreeClass',
    column: exact('grade_or_class', 'degree_class', 'class_of_degree', 'classification', 'honours', 'honors', 'degree_classification', 'result_class', 'pass_class'),
    kinds: TEXT,
    make: (f) => choice(f, ['First Class', 'Second Class Upper', 'Second Class Lower', 'Third Class', 'Pass', 'Merit', 'Distinction']),
    doc: 'Degree classes: First Class, Second Class Upper, Merit, Distinction …',
    example: 'staff_qualifications.grade_or_class VARCHAR(50)',
  },
  {
    id: 'edu.homework',
    column: exact('homework', 'homework_assigned', 'assignment', 'assignment_description', 'assignment_details', 'task_assigned', 'classwork'),
    kinds: TEXT,
    make: (f) => pool(f, ['Exercise 4.2, questions 1-10', 'Read chapter 5 and summarise it', 'Worksheet on fractions', 'Practice past paper 2023', 'Prepare a 2-minute presentation', 'Complete the lab report', 'Revise vocabulary list 3', 'Write a 300-word essay', 'Finish the map exercise', 'Practise the skipping routine at home']),
    doc: 'Homework: "Worksheet on fractions", "Complete the lab report" …',
    example: 'lesson_progress.homework_assigned TEXT',
  },
  {
    id: 'edu.subjectCategory',
    column: exact('subject_category', 'subject_type', 'subject_group', 'course_type', 'course_category', 'subject_kind'),
    kinds: TEXT,
    make: (f) => choice(f, ['core', 'elective', 'language', 'science', 'arts', 'vocational', 'religion']),
    doc: 'Subject categories: core, elective, language, science, arts …',
    example: 'subjects.subject_category VARCHAR(20)',
  },
  {
    id: 'edu.periodsPerWeek',
    column: /^(periods|lessons|hours|sessions|classes|times|days|credits)_per_week$|^(required_periods|num_periods|periods_required|number_of_periods|periods_count|lessons_count|credit_hours|contact_hours)$/,
    kinds: NUM,
    make: () => int(1, 8),
    doc: 'Periods/lessons/hours per week and required periods: 1–8.',
    example: 'subjects.periods_per_week INTEGER',
  },
  {
    id: 'edu.results.json',
    column: exact('results', 'grades', 'marks', 'scores', 'subject_results', 'exam_results', 'subject_grades'),
    kinds: ['json'],
    make: () => gen((r) => {
      let s = '{';
      const n = r.int(3, 6);
      const start = r.int(0, P.subjects.length - 1);
      for (let i = 0; i < n; i++) s += `${i ? ',' : ''}"${P.subjects[(start + i * 7) % P.subjects.length]}":"${pick(r, P.examGrades)}"`;
      return s + '}';
    }),
    doc: 'JSON exam results {"Mathematics":"A","Science":"B",…}.',
    example: 'ol_exams.results JSON',
  },
  {
    id: 'edu.framework',
    column: exact('standard_framework', 'curriculum_framework', 'framework', 'standards_framework', 'curriculum', 'syllabus_board', 'exam_board'),
    kinds: TEXT,
    make: (f) => choice(f, ['Common Core', 'NGSS', 'SHAPE America', 'IB', 'Cambridge', 'National Curriculum', 'Edexcel', 'CBSE']),
    doc: 'Curriculum frameworks and boards: Common Core, NGSS, SHAPE America, IB, Cambridge …',
    example: 'assessment_standards.standard_framework VARCHAR(100)',
  },
  {
    id: 'edu.programs',
    column: exact('special_programs', 'programs', 'programmes', 'program', 'programme', 'program_name', 'programme_name', 'special_events', 'facilities', 'outdoor_facilities', 'indoor_facilities', 'amenities'),
    kinds: TEXT,
    make: (f) => (/facilit|amenit/.test(f.column.name.toLowerCase())
      ? pool(f, ['Football field', 'Running track', 'Basketball courts', 'Playground', 'Tennis courts', 'Swimming pool', 'Cricket pitch', 'Garden'])
      : /event/.test(f.column.name.toLowerCase()) ? pool(f, P.schoolEvents) : pool(f, ['Gifted and Talented', 'STEM Academy', 'Music Program', 'ESL Support', 'After-school Sports', 'Peer Tutoring', 'Leadership Program', 'Outdoor Education'])),
    doc: 'School programmes, events and facilities: STEM Academy, Running track …',
    example: 'schools.special_programs TEXT',
  },
  {
    id: 'edu.enrollment',
    column: exact('enrollment', 'enrolment', 'current_enrollment', 'total_enrollment', 'student_population', 'total_students', 'number_of_students', 'enrolled_students', 'enrollment_count'),
    kinds: INT,
    make: () => int(50, 2000),
    doc: 'Enrolment numbers 50–2000.',
    example: 'schools.current_enrollment INTEGER',
  },
  {
    id: 'edu.awardCategory',
    column: exact('achievement_category', 'award_category', 'achievement_area', 'recognition_category'),
    kinds: TEXT,
    make: (f) => choice(f, ['academic', 'sports', 'cultural', 'leadership', 'community_service', 'arts']),
    doc: 'Achievement categories: academic, sports, cultural, leadership …',
    example: 'teacher_achievements.achievement_category VARCHAR(100)',
  },
  {
    id: 'edu.gradeScore',
    column: exact('grade', 'grade_value', 'numeric_grade', 'grade_score', 'final_grade_score'),
    kinds: ['real', 'decimal'],
    make: (f) => num(f, 0, 100, 1),
    doc: 'A fractional `grade`: a mark 0–100.',
    example: 'grades.grade FLOAT',
  },
  {
    id: 'edu.studentCode',
    column: /^(admission_number|admission_no|student_number|student_no|student_code|enrollment_number|enrolment_number|enrollment_no|registration_number|registration_no|index_number|index_no|matric_number|matriculation_number|student_id_number|employee_number|employee_no|employee_code|employee_id|staff_number|staff_code|staff_no|staff_id_number|teacher_code|badge_number|member_number|membership_number|membership_no|library_card_number|birth_certificate_number|leaving_certificate_number|certificate_number|exam_number|candidate_number)$/,
    kinds: TEXT,
    make: studentCode,
    doc: 'Admission/registration/employee numbers "SA-2024-01234" (table initials, year, digits), shortened to fit.',
    example: 'students.admission_number VARCHAR(20)',
  },
  {
    id: 'edu.rollNumber',
    column: exact('roll_number', 'roll_no', 'roll', 'class_number', 'seat_number', 'desk_number', 'register_number'),
    kinds: [...INT, ...TEXT],
    make: (f) => (f.column.kind === 'text' ? gen((r) => String(r.int(1, 45))) : int(1, 45)),
    doc: 'Roll numbers 1–45.',
    example: 'student_class_assignments.roll_number INTEGER',
  },
  {
    id: 'edu.award',
    column: exact('award', 'award_name', 'prize', 'medal', 'achievement', 'honour', 'honor', 'recognition', 'award_title', 'result_award'),
    kinds: TEXT,
    make: (f) => pool(f, P.awards),
    doc: 'Awards: Gold Medal, First Place, Certificate of Merit …',
    example: 'competition_participants.award VARCHAR(100)',
  },
  {
    id: 'edu.academicYearLabel',
    column: exact('academic_year', 'school_year', 'year_label', 'year_name', 'academic_session', 'session_year', 'academic_year_name', 'fiscal_year_label'),
    kinds: TEXT,
    make: (f) => (maxLen(f) < 9 ? gen((r) => String(r.int(2015, 2025))) : gen((r) => { const y = r.int(2015, 2025); return `${y}/${y + 1}`; })),
    doc: 'Academic years "2024/2025" (a year in short columns).',
    example: 'academic_years.year_label VARCHAR(20)',
  },
];
