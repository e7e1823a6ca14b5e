"""JSON with exact floats, for MicroPython: read the vectors and write answers without losing a bit.

MicroPython's own float text is not exact. Measured on the unix port 1.28
over 100000 random doubles: ``float(text)`` (and ``json.loads``) of CPython's
repr gives another double for 20 of them, and ``repr(x)`` does not read back
as ``x`` for 18 (for 1113 more it is not the shortest text that does).
A test vector in the exact tier would fail on such a value for no fault of
tinynet's core, so the harness converts with integer arithmetic instead:

- ``to_float(text)``: the decimal text rounded to the nearest double (ties to
  even), as a correct ``strtod`` does;
- ``to_text(x)``: 17 significant digits, correctly rounded, which always read
  back as ``x`` (CPython's ``float`` reads them exactly);
- ``loads(text)`` and ``dumps(value)``: JSON with those two for its numbers.

Only ``math`` is used (``frexp``, ``ldexp``, ``log10``), so this runs on
MicroPython and on CPython alike (tests/test_micropython_harness.py checks it
against CPython's own conversions).
"""

import math

__all__ = ["to_float", "to_text", "loads", "dumps"]

_TWO_52 = 1 << 52
_TWO_53 = 1 << 53


def _bits(n: int) -> int:
    """Return the number of binary digits of n >= 0 (MicroPython's int has no bit_length)."""
    count = 0
    while n >= 1 << 64:
        n >>= 64
        count += 64
    while n:
        n >>= 1
        count += 1
    return count


def _divide_rounded(num: int, den: int) -> int:
    """Return num / den rounded to the nearest integer, ties to even."""
    q, r = divmod(num, den)
    if 2 * r > den or (2 * r == den and q & 1):
        q += 1
    return q


def to_float(text: str) -> float:
    """Return the double nearest to the decimal number ``text`` (ties to even), like a correct strtod.

    >>> to_float("0.1") == 0.1, to_float("-0.0"), to_float("4.9406564584124654e-324")
    (True, -0.0, 5e-324)
    """
    negative = text.startswith("-")
    body = text[1:] if negative or text.startswith("+") else text
    mantissa, _, exponent = body.lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = int(whole + fraction)
    scale = (int(exponent) if exponent else 0) - len(fraction)  # the value is digits * 10**scale
    if digits == 0:
        return -0.0 if negative else 0.0
    num, den = (digits * 10 ** scale, 1) if scale >= 0 else (digits, 10 ** -scale)
    s = _bits(num) - _bits(den)  # num / den is in [2**(s - 1), 2**(s + 1))
    if (num >= den << s) if s >= 0 else (num << -s >= den):
        s += 1  # now num / den is in [2**(s - 1), 2**s)
    e = max(s - 53, -1074)  # q = num / den / 2**e has 53 bits, or fewer below the normal range
    q = _divide_rounded(num, den << e) if e >= 0 else _divide_rounded(num << -e, den)
    if q == _TWO_53:  # rounding carried into the next binade
        q, e = _TWO_52, e + 1
    if e > 971:
        raise ValueError("%s is beyond the largest double" % text)
    value = math.ldexp(float(q), e)  # q < 2**53 converts exactly, and q * 2**e is a double
    return -value if negative else value


def to_text(x: float) -> str:
    """Return ``x`` as 17 significant decimal digits, correctly rounded (they read back as ``x``).

    >>> to_text(0.1), to_text(-0.0), to_text(5e-324)
    ('1.0000000000000001e-1', '-0.0', '4.9406564584124654e-324')
    """
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("%r has no JSON number" % x)
    if x == 0.0:
        return "-0.0" if math.copysign(1.0, x) < 0.0 else "0.0"
    m, e = math.frexp(abs(x))  # |x| = m * 2**e, 0.5 <= m < 1, m has at most 53 bits
    num, den = int(m * 9007199254740992.0), 1  # m * 2**53, exactly
    e -= 53
    if e >= 0:
        num <<= e
    else:
        den <<= -e
    k = int(math.floor(math.log10(abs(x)))) - 16  # a first guess at the power of ten of the last digit
    while True:
        q = _divide_rounded(num, den * 10 ** k) if k >= 0 else _divide_rounded(num * 10 ** -k, den)
        if q >= 10 ** 17:
            k += 1
        elif q < 10 ** 16:
            k -= 1
        else:
            break
    digits = str(q)
    fraction = digits[1:].rstrip("0") or "0"
    return "%s%s.%se%d" % ("-" if x < 0.0 else "", digits[0], fraction, k + 16)


# -- JSON ------------------------------------------------------------------------------

_NUMBER_CHARS = "+-0123456789.eE"
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def loads(text: str):  # type: ignore[no-untyped-def]
    r"""Return the value of the JSON ``text``; numbers with a point or an exponent go through ``to_float``.

    >>> loads('{"a": [1, -0.0, 2.5e-3, true, null, "x\\"y"]}')
    {'a': [1, -0.0, 0.0025, True, None, 'x"y']}
    """
    value, end = _value(text, _skip(text, 0))
    if _skip(text, end) != len(text):
        raise ValueError("JSON: unexpected text at %d" % end)
    return value


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _value(text: str, i: int):  # type: ignore[no-untyped-def]
    c = text[i]
    if c == "{":
        result = {}
        i = _skip(text, i + 1)
        while text[i] != "}":
            key, i = _string(text, i)
            i = _skip(text, i)
            if text[i] != ":":
                raise ValueError("JSON: expected ':' at %d" % i)
            result[key], i = _value(text, _skip(text, i + 1))
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
        return result, i + 1
    if c == "[":
        items = []
        i = _skip(text, i + 1)
        while text[i] != "]":
            item, i = _value(text, i)
            items.append(item)
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
        return items, i + 1
    if c == '"':
        return _string(text, i)
    for word, value in (("true", True), ("false", False), ("null", None)):
        if text.startswith(word, i):
            return value, i + len(word)
    end = i
    while end < len(text) and text[end] in _NUMBER_CHARS:
        end += 1
    number = text[i:end]
    if not number:
        raise ValueError("JSON: unexpected %r at %d" % (c, i))
    if "." in number or "e" in number or "E" in number:
        return to_float(number), end
    return int(number), end


def _string(text: str, i: int):  # type: ignore[no-untyped-def]
    if text[i] != '"':
        raise ValueError("JSON: expected a string at %d" % i)
    parts = []
    i += 1
    start = i
    while text[i] != '"':
        if text[i] == "\\":
            parts.append(text[start:i])
            c = text[i + 1]
            if c == "u":
                parts.append(chr(int(text[i + 2:i + 6], 16)))
                i += 6
            else:
                parts.append(_ESCAPES[c])
                i += 2
            start = i
        else:
            i += 1
    parts.append(text[start:i])
    return "".join(parts), i + 1


def dumps(value) -> str:  # type: ignore[no-untyped-def]
    r"""Return ``value`` as JSON text, floats through ``to_text``.

    >>> dumps({"x": [0.5, -2, None, 'a"b']})
    '{"x": [5.0e-1, -2, null, "a\\"b"]}'
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return to_text(value)
    if isinstance(value, int):
        return "%d" % value
    if isinstance(value, str):
        out = []
        for c in value:
            if c == '"' or c == "\\":
                out.append("\\" + c)
            elif ord(c) < 32:
                out.append("\\u%04x" % ord(c))
            else:
                out.append(c)
        return '"' + "".join(out) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(dumps(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(dumps(k) + ": " + dumps(v) for k, v in value.items()) + "}"
    raise TypeError("no JSON for %s" % type(value).__name__)
