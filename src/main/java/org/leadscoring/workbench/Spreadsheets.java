package org.leadscoring.workbench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.leadscoring.scoring.ruleset.language.PointTable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Point tables as spreadsheets: an uploaded XLSX becomes one CSV point table per sheet (the form the service keeps,
 * checks, diffs and versions), and a point table downloads as an XLSX of one sheet. Uploads are untrusted: cells are
 * read as the values the spreadsheet shows (formulas are never run), sizes are bounded, and the zip container is read
 * with POI's guards against inflation bombs.
 */
final class Spreadsheets {

    static final int MAX_SHEETS = 20;
    static final int MAX_ROWS = PointTable.MAX_ROWS;
    static final int MAX_COLUMNS = 20;
    static final int MAX_CELL = PointTable.MAX_CELL;
    private static final CsvMapper CSV = new CsvMapper();

    static {
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(20L * 1024 * 1024);
    }

    private Spreadsheets() {
    }

    /** A sheet as a point table's CSV. */
    record SheetTable(String sheet, String csv) {
    }

    /** What an upload gives: the sheets' tables, or the problems that stopped them, each at its sheet, row and column. */
    record Converted(List<SheetTable> sheets, List<Problem> problems) {
    }

    record Problem(String sheet, Integer row, Integer column, String message) {
    }

    static Converted toCsv(byte[] xlsx) {
        List<SheetTable> sheets = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            if (book.getNumberOfSheets() > MAX_SHEETS) {
                problems.add(new Problem(null, null, null, "the workbook has " + book.getNumberOfSheets() + " sheets; at most " + MAX_SHEETS + " are read"));
                return new Converted(List.of(), problems);
            }
            DataFormatter shown = new DataFormatter(java.util.Locale.ROOT);
            for (Sheet sheet : book) {
                List<List<String>> rows = new ArrayList<>();
                for (Row row : sheet) {
                    if (row.getRowNum() >= MAX_ROWS) {
                        problems.add(new Problem(sheet.getSheetName(), row.getRowNum() + 1, null, "more than " + MAX_ROWS + " rows"));
                        break;
                    }
                    List<String> cells = new ArrayList<>();
                    for (Cell cell : row) {
                        int c = cell.getColumnIndex();
                        if (c >= MAX_COLUMNS) {
                            problems.add(new Problem(sheet.getSheetName(), row.getRowNum() + 1, c + 1, "more than " + MAX_COLUMNS + " columns"));
                            break;
                        }
                        while (cells.size() < c) {
                            cells.add("");
                        }
                        String value = shown.formatCellValue(cell);
                        if (value.length() > MAX_CELL) {
                            problems.add(new Problem(sheet.getSheetName(), row.getRowNum() + 1, c + 1, "a cell longer than " + MAX_CELL + " characters"));
                            value = "";
                        }
                        cells.add(value);
                    }
                    while (rows.size() < row.getRowNum()) {
                        rows.add(List.of());
                    }
                    rows.add(cells);
                }
                if (rows.stream().anyMatch(r -> r.stream().anyMatch(v -> !v.isBlank()))) {
                    sheets.add(new SheetTable(sheet.getSheetName(), csv(rows)));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(null, null, null, "the file cannot be read as an XLSX workbook"));
        }
        return new Converted(problems.isEmpty() ? sheets : List.of(), problems);
    }

    /** A point table's CSV (read as the check reads it) as an XLSX workbook of one sheet. */
    static byte[] toXlsx(String sheetName, String csv) throws PointTable.Unreadable, IOException {
        List<List<String>> rows = PointTable.rows(csv);
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(org.apache.poi.ss.util.WorkbookUtil.createSafeSheetName(sheetName));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < Math.min(cells.size(), MAX_COLUMNS); c++) {
                    String v = cells.get(c);
                    if (r > 0 && v.matches("-?\\d{1,9}")) {
                        row.createCell(c).setCellValue(Integer.parseInt(v));
                    } else {
                        row.createCell(c).setCellValue(v);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    /**
     * A point table as CSV to download: every cell a spreadsheet would run as a formula ({@link PointTable#isFormula}) is
     * written with a leading {@code '}, as OWASP's CSV injection guidance says, so opening the file runs nothing.
     */
    static String toSafeCsv(String csv) throws PointTable.Unreadable {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : PointTable.rows(csv)) {
            rows.add(row.stream().map(Spreadsheets::inert).toList());
        }
        return csv(rows);
    }

    /** A cell that no spreadsheet reads as a formula. */
    static String inert(String cell) {
        return PointTable.isFormula(cell) ? "'" + cell : cell;
    }

    private static String csv(List<List<String>> rows) {
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            List<String> padded = new ArrayList<>(row);
            while (padded.size() < width) {
                padded.add("");
            }
            try {
                out.append(CSV.writer(CsvSchema.emptySchema()).writeValueAsString(padded));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }
}
