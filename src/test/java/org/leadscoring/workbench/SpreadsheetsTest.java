package org.leadscoring.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** An uploaded workbook is held to the point tables' limits, each problem at its sheet, row and column. */
class SpreadsheetsTest {

    static byte[] workbook(Consumer<XSSFWorkbook> fill) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill.accept(book);
            book.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aCellTooLongOrAColumnTooManyIsNamedBySheetRowAndColumn_andNothingIsTaken() throws IOException {
        byte[] xlsx = workbook(book -> {
            var sheet = book.createSheet("Titles");
            sheet.createRow(0).createCell(0).setCellValue("axis");
            sheet.createRow(1).createCell(2).setCellValue("x".repeat(Spreadsheets.MAX_CELL + 1));
            sheet.createRow(2).createCell(Spreadsheets.MAX_COLUMNS).setCellValue("one too far");
        });

        Spreadsheets.Converted converted = Spreadsheets.toCsv(xlsx);

        assertThat(converted.sheets()).isEmpty();
        assertThat(converted.problems()).extracting(Spreadsheets.Problem::sheet, Spreadsheets.Problem::row, Spreadsheets.Problem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Titles", 2, 3),
                        org.assertj.core.groups.Tuple.tuple("Titles", 3, Spreadsheets.MAX_COLUMNS + 1));
    }

    @Test
    void aWorkbookOfTooManySheetsIsRefused_andBlankSheetsAreLeftOut() throws IOException {
        byte[] many = workbook(book -> {
            for (int i = 0; i <= Spreadsheets.MAX_SHEETS; i++) {
                book.createSheet("s" + i);
            }
        });
        assertThat(Spreadsheets.toCsv(many).problems()).singleElement().extracting(Spreadsheets.Problem::message).asString()
                .contains("at most " + Spreadsheets.MAX_SHEETS);

        byte[] blank = workbook(book -> {
            book.createSheet("Empty");
            var rows = book.createSheet("Rows");
            rows.createRow(0).createCell(0).setCellValue("axis");
            rows.createRow(2).createCell(0).setCellValue("fit");
        });
        Spreadsheets.Converted converted = Spreadsheets.toCsv(blank);
        assertThat(converted.sheets()).extracting(Spreadsheets.SheetTable::sheet).containsExactly("Rows");
        // The blank second row is kept, so rows keep the numbers the spreadsheet shows.
        assertThat(converted.sheets().get(0).csv()).isEqualTo("axis\n\nfit\n");
    }
}
