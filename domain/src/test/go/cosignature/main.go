// Independent cosignature/v1 implementation from the C2SP spec text, for cross-checking the Java code.
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"

	"golang.org/x/mod/sumdb/note"
)

type cosigVerifier struct {
	name string
	hash uint32
	pub  ed25519.PublicKey
}

func (v cosigVerifier) Name() string    { return v.name }
func (v cosigVerifier) KeyHash() uint32 { return v.hash }
func (v cosigVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 72 {
		return false
	}
	t := binary.BigEndian.Uint64(sig[:8])
	m := []byte("cosignature/v1\ntime " + strconv.FormatUint(t, 10) + "\n")
	m = append(m, msg...)
	return ed25519.Verify(v.pub, m, sig[8:])
}

func main() {
	seed := make([]byte, 32)
	for i := range seed {
		seed[i] = byte(0x40 + i)
	}
	name := "example.org/oversight/witness"
	priv := ed25519.NewKeyFromSeed(seed)
	pub := priv.Public().(ed25519.PublicKey)
	h := sha256.Sum256(append(append([]byte(name+"\n"), 0x04), pub...))
	keyID := binary.BigEndian.Uint32(h[:4])
	vkey := fmt.Sprintf("%s+%08x+%s", name, keyID, base64.StdEncoding.EncodeToString(append([]byte{0x04}, pub...)))
	fmt.Println("vkey:", vkey)
	text := "example.org/oversight/log\n2\nsTeYX/SE+2ANuTEHx3sDZcgNePW0Kd7Q/Zc2HQd5mes=\n"
	var ts uint64 = 1700000000
	msg := []byte("cosignature/v1\ntime " + strconv.FormatUint(ts, 10) + "\n" + text)
	sig := ed25519.Sign(priv, msg)
	raw := make([]byte, 4+8+64)
	binary.BigEndian.PutUint32(raw, keyID)
	binary.BigEndian.PutUint64(raw[4:], ts)
	copy(raw[12:], sig)
	line := "— " + name + " " + base64.StdEncoding.EncodeToString(raw) + "\n"
	fmt.Print("line: ", line)
	// Cross-check with x/mod's note.Open: the log signature (from format.md §8.3) plus our cosignature.
	logLine := "— example.org/oversight/log ++PXWC1zSGJCuQFj2CKUKgODlMYucdu6YaS9HYcgm1K1wOaGy/AdfE4qSn6G1+X14s/L9iF+wNwz5GhGcCxTH/MdDwQ=\n"
	full := text + "\n" + logLine + line
	v := cosigVerifier{name, keyID, pub}
	n, err := note.Open([]byte(full), note.VerifierList(v))
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	fmt.Println("x/mod note.Open: verified", len(n.Sigs), "unverified", len(n.UnverifiedSigs))
	if len(os.Args) > 1 {
		n2, err := note.Open([]byte(os.Args[1]), note.VerifierList(v))
		fmt.Println("arg open:", err, n2 != nil)
	}
}
