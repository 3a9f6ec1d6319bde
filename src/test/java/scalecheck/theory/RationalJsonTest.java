package scalecheck.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An exponent is the JSON string "-1/2" and reads back as the same rational. */
class RationalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Holder(Rational predicted, List<Rational> others) {}

  @Test
  void writesAndReadsTheExactText() throws JsonProcessingException {
    Holder h = new Holder(Rational.of(-1, 2), List.of(Rational.ZERO, Rational.of(3), Rational.of(2, -6)));
    String json = JSON.writeValueAsString(h);
    assertEquals("{\"predicted\":\"-1/2\",\"others\":[\"0\",\"3\",\"-1/3\"]}", json);
    assertEquals(h, JSON.readValue(json, Holder.class));
  }

  @Test
  void nullStaysNullAndOtherTextIsRefused() throws JsonProcessingException {
    assertNull(JSON.readValue("{\"predicted\":null,\"others\":[]}", Holder.class).predicted());
    assertThrows(JsonProcessingException.class, () -> JSON.readValue("{\"predicted\":\"half\"}", Holder.class));
  }
}
