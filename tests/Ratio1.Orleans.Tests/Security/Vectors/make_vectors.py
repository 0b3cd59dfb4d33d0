#!/usr/bin/env python3
"""Test vectors for Ratio1 signing (canonical JSON, EE_HASH, EE_SIGN), made by an independent Python implementation.

Implements the algorithm of ratio1/bc/base.py as described in docs (ratio1-concepts.md 5.2) with the standard library's
json module and `cryptography` (ec.SECP256K1): the data keys (all but EE_SIGN, EE_SENDER, EE_HASH, SIGN_CANON_V,
EE_ETH_SIGN, EE_ETH_SENDER; v2 keeps SIGN_CANON_V) are dumped with a float encoder (v2: float repr; v1: repr with
trailing zeros and dot stripped), re-parsed and dumped again with sort_keys; EE_HASH is the SHA-256 hex of the UTF-8,
EE_SIGN the base64url DER ECDSA(SHA-256) over the 32 digest bytes.

  python3 make_vectors.py                 writes canonical.json, floats.json, signed.json next to this file
                                          (signed.json with a fresh key each run) and checks real-messages.json
  python3 make_vectors.py --verify FILE   verifies the messages in FILE (a JSON list of {"message": {...}}) signed
                                          elsewhere (by the C# implementation) and the PEM key in FILE's "pem";
                                          prints a JSON list of {"valid", "canon", "failure"} and the PEM's address
"""
import base64
import hashlib
import json
import math
import os
import random
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

HERE = os.path.dirname(os.path.abspath(__file__))
EXCLUDED = {"EE_SIGN", "EE_SENDER", "EE_HASH", "SIGN_CANON_V", "EE_ETH_SIGN", "EE_ETH_SENDER"}
ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def v2_float(x):
  if x != x or x in (math.inf, -math.inf):
    return "null"
  return float.__repr__(x)


def v1_float(x):
  if x != x or x in (math.inf, -math.inf):
    return "null"
  text = repr(x)
  return text.rstrip("0").rstrip(".") if "." in text else text


class _Encoder(json.JSONEncoder):
  floatstr = staticmethod(v2_float)

  def iterencode(self, o, _one_shot=False):
    encoder = json.encoder.encode_basestring_ascii if self.ensure_ascii else json.encoder.encode_basestring
    return json.encoder._make_iterencode(
      {}, self.default, encoder, None, type(self).floatstr, self.key_separator, self.item_separator,
      self.sort_keys, self.skipkeys, _one_shot)(o, 0)


class V2Encoder(_Encoder):
  floatstr = staticmethod(v2_float)


class V1Encoder(_Encoder):
  floatstr = staticmethod(v1_float)


def replace_nan(value):
  if isinstance(value, dict):
    return {k: replace_nan(v) for k, v in value.items()}
  if isinstance(value, list):
    return [replace_nan(v) for v in value]
  if isinstance(value, float) and (value != value or value in (math.inf, -math.inf)):
    return None
  return value


def canonical(value, canon):
  cls = V2Encoder if canon == "v2" else V1Encoder
  first = json.dumps(replace_nan(value), cls=cls, separators=(",", ":"), ensure_ascii=False)
  return json.dumps(json.loads(first), cls=cls, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def data_of(message, include_canon):
  data = {k: v for k, v in message.items() if k not in EXCLUDED}
  if include_canon and "SIGN_CANON_V" in message:
    data["SIGN_CANON_V"] = message["SIGN_CANON_V"]
  return data


def address_of(public_key):
  point = public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
  return "0xai_" + base64.urlsafe_b64encode(point).decode()


def public_key_of(address):
  for prefix in ("0xai_", "aixp_"):
    if address.startswith(prefix):
      address = address[len(prefix):]
  return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256K1(), base64.urlsafe_b64decode(address))


def sign(message, key, canon="v2", want_high_s=None):
  message = dict(message)
  message["SIGN_CANON_V"] = canon
  text = canonical(data_of(message, canon == "v2"), canon)
  digest = hashlib.sha256(text.encode("utf-8")).digest()
  while True:
    der = key.sign(digest, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    if want_high_s is None or (s > ORDER // 2) == want_high_s:
      break
  message["EE_HASH"] = digest.hex()
  message["EE_SIGN"] = base64.urlsafe_b64encode(der).decode()
  message["EE_SENDER"] = address_of(key.public_key())
  return message, text


def verify(message):
  sender = message.get("EE_SENDER")
  signature = message.get("EE_SIGN")
  if sender is None or signature is None:
    return {"valid": False, "canon": None, "failure": "missing EE_SENDER or EE_SIGN"}
  public_key = public_key_of(sender)
  der = base64.urlsafe_b64decode(signature)
  version = message.get("SIGN_CANON_V")
  attempts = [("v2", False), ("v1", False)] if version is None else [(version, version == "v2")]
  failures = []
  for canon, include in attempts:
    if canon not in ("v1", "v2"):
      return {"valid": False, "canon": None, "failure": "unknown canon " + str(canon)}
    text = canonical(data_of(message, include), canon)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    if message.get("EE_HASH") and message["EE_HASH"] != digest.hex():
      failures.append(canon + ": corrupted digest")
      continue
    signed = digest if message.get("EE_HASH") else text.encode("utf-8")
    try:
      public_key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
      return {"valid": True, "canon": canon, "failure": None}
    except Exception:
      failures.append(canon + ": signature does not verify")
  return {"valid": False, "canon": None, "failure": "; ".join(failures)}


CANONICAL_CASES = [
  ("floats of both canons", '{"a":1.0,"b":0.1,"c":1e-07,"d":1e+16,"e":1e15,"f":-0.0,"g":0.0,"h":2.5e20,"i":1.2e-10,"j":123456.789,"k":-1.5,"l":100.0,"m":0.0001,"n":1e-05}'),
  ("integers of any size stay integers", '{"big":123456789012345678901234567890,"neg":-42,"zero":0,"negzero":-0,"max":18446744073709551616}'),
  ("exponent and fraction tokens are floats", '{"a":1E5,"b":1e0,"c":10.50,"d":5e-324,"e":1.7976931348623157e308,"f":1e400,"g":-1e400}'),
  ("escapes as Python writes them", '{"s":"quote \\" backslash \\\\ slash / nl \\n cr \\r tab \\t bs \\b ff \\f nul \\u0000 esc \\u001b del \\u007f"}'),
  ("non-ASCII stays raw", '{"ro":"\\u0219i \u021b \u00e9","emoji":"\U0001F600","emoji_escaped":"\\ud83d\\ude00","cjk":"\u4e2d\u6587","sep":"\u2028\u2029"}'),
  ("keys sorted by code point, astral above U+E000..U+FFFF", '{"\U0001F600":1,"\uffff":2,"\ue000":3,"z":4,"Z":5,"10":6,"2":7,"9":8,"":9,"a b":10,"\u00e9":11}'),
  ("nested objects and arrays", '{"outer":{"b":[3,{"y":1.0,"x":[true,false,null]}],"a":{"d":"D","c":[]}},"list":[[1,2.0],[{"k":{}}]]}'),
  ("top-level array", '[3,1.0,{"b":1,"a":2},"x",null]'),
  ("duplicate keys keep the last value", '{"a":1,"b":2,"a":3}'),
]


def float_cases():
  rng = random.Random(16)
  values = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e-7, 1e-5, 1e-4, 0.0001234, 1e15, 1e16, 1e17, 1.5e16,
            123456789012345.0, 1234567890123456.0, 12345678901234567.0, 9007199254740993.0, 2.5e20, 1.2e-10, 1.5e300,
            1.5e-300, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 100.0, 1000000.0, 3.14159, 2.718281828459045,
            9.99, 3.5, 0.5, 1.25e-4, 12.5e-5, 1e22, 1e23, 4.35, 0.07, 1e-6, 100000000000000000000.0]
  for _ in range(400):
    kind = rng.randrange(4)
    if kind == 0:
      values.append(rng.uniform(-1e6, 1e6))
    elif kind == 1:
      values.append(rng.random() * 10 ** rng.randint(-30, 30))
    elif kind == 2:
      values.append(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))
    else:
      values.append(float(rng.randint(-10 ** 18, 10 ** 18)) * 10 ** rng.randint(-25, 5))
  return [{"token": repr(v), "v2": canonical([v], "v2")[1:-1], "v1": canonical([v], "v1")[1:-1]} for v in values]


def make():
  canonical_vectors = []
  for name, text in CANONICAL_CASES:
    value = json.loads(text)
    canonical_vectors.append({"name": name, "json": text, "v2": canonical(value, "v2"), "v1": canonical(value, "v1")})
  write("canonical.json", canonical_vectors)
  write("floats.json", float_cases())

  key = ec.generate_private_key(ec.SECP256K1())
  pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
  float_heavy = {"ACTION": "UPDATE_CONFIG", "PAYLOAD": {"NAME": "floats", "TYPE": "Void", "THRESHOLD": 0.5, "ONE": 1.0,
                 "TINY": 1e-07, "HUGE": 1e+16, "NEG": -0.0, "LIST": [1.0, 2.5, 3.0, 1e-05], "BIG": 2.5e20, "NAN": float("nan")}}
  non_ascii = {"ACTION": "PIPELINE_COMMAND", "PAYLOAD": {"NAME": "cam\u021b\u00e9", "TEXT": "\u4e2d\u6587 \U0001F600 \"q\" \\ \n\t", "\U0001F600": 1, "\uffff": 2}}
  nested = {"ACTION": "UPDATE_CONFIG", "EE_ID": "node-1", "TIME": "2026-12-02 06:30:00.123456",
            "PAYLOAD": {"NAME": "p1", "PLUGINS": [{"SIGNATURE": "A", "INSTANCES": [{"INSTANCE_ID": "i1", "X": [1, {"z": 0.25, "a": None}]}]}],
                        "10": 1, "2": 2, "9": 3}}
  signed = []
  for name, message, canon, high in [
      ("v2 float-heavy", float_heavy, "v2", None), ("v1 float-heavy", float_heavy, "v1", None),
      ("v2 non-ASCII and astral keys", non_ascii, "v2", None), ("v1 non-ASCII", non_ascii, "v1", None),
      ("v2 nested command", nested, "v2", None), ("v1 nested command", nested, "v1", None),
      ("v2 high-S signature", nested, "v2", True), ("v2 low-S signature", nested, "v2", False)]:
    signed_message, text = sign(message, key, canon, high)
    signed.append({"name": name, "canon": canon, "canonical": text, "message": json.loads(json.dumps(replace_nan(signed_message), ensure_ascii=False))})
  # Unversioned: signed as an old SDK did, without SIGN_CANON_V (the v1 one only verifies under the legacy rule).
  for canon in ("v2", "v1"):
    signed_message, text = sign(float_heavy, key, canon)
    del signed_message["SIGN_CANON_V"]
    if canon == "v2":
      # Old SDKs did not hash SIGN_CANON_V: re-sign without it.
      text = canonical(data_of(signed_message, False), "v2")
      digest = hashlib.sha256(text.encode()).digest()
      signed_message["EE_HASH"] = digest.hex()
      signed_message["EE_SIGN"] = base64.urlsafe_b64encode(key.sign(digest, ec.ECDSA(hashes.SHA256()))).decode()
    signed.append({"name": "unversioned " + canon, "canon": canon, "canonical": text, "message": json.loads(json.dumps(replace_nan(signed_message), ensure_ascii=False))})
  write("signed.json", {"pem": pem, "address": address_of(key.public_key()), "messages": signed})
  for item in signed:
    result = verify(item["message"])
    assert result["valid"] and result["canon"] == item["canon"], (item["name"], result)
  for item in json.load(open(os.path.join(HERE, "real-messages.json"))):
    assert verify(item["message"])["valid"], item["name"]
  print("wrote canonical.json, floats.json, signed.json; all signed and real messages verify")


def write(name, value):
  with open(os.path.join(HERE, name), "w", encoding="utf-8") as handle:
    json.dump(value, handle, ensure_ascii=False, indent=1)
    handle.write("\n")


def verify_file(path):
  with open(path, encoding="utf-8") as handle:
    given = json.load(handle)
  results = [verify(item["message"]) for item in given["messages"]]
  key = serialization.load_pem_private_key(given["pem"].encode(), None)
  if not isinstance(key.curve, ec.SECP256K1):
    raise SystemExit("the PEM key is not secp256k1")
  print(json.dumps({"results": results, "pem_address": address_of(key.public_key())}))


if __name__ == "__main__":
  if len(sys.argv) == 3 and sys.argv[1] == "--verify":
    verify_file(sys.argv[2])
  else:
    make()
