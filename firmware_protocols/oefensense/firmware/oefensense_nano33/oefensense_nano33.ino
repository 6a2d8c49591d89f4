// OefenSense open profile v1 — reference firmware for Arduino Nano 33 BLE / BLE Sense
// (nRF52840). Protocol: ../../SPEC.md. Build and flash: ../README.md.
//
// Streams accelerometer + gyroscope as batched notifications with a u16 sequence counter and a
// u32 microsecond device timestamp, answers CONFIGURE / START / STOP / VIBRATE / GET_STATUS on
// the EVENT characteristic, reports battery on the standard Battery Service.
//
// Sensor: Nano 33 BLE Rev2 (BMI270 + BMM150) by default; define OEFENSENSE_LSM9DS1 for the
// original Nano 33 BLE (LSM9DS1). The Arduino libraries run the IMU at ~100-119 Hz with fixed
// ranges (acc ±4 g, gyro ±2000 dps), so this board offers 25/50/100 Hz and encodes samples with
// the acc range the host picks from 4/8/16 g (2 g would clip: refused).

#include <ArduinoBLE.h>
#ifdef OEFENSENSE_LSM9DS1
#include <Arduino_LSM9DS1.h>
#else
#include <Arduino_BMI270_BMM150.h>
#endif

// ---------------------------------------------------------------- profile constants
#define OE_UUID(x) "4f45" x "-5345-4e53-a000-0e5e45e5e001"
static const uint8_t PROFILE_VERSION = 1, FW_MAJOR = 1, FW_MINOR = 0;
static const uint8_t KIND_IMU6 = 1;
static const uint8_t FLAG_DEVICE_OVERFLOW = 0x01, FLAG_CLIPPED = 0x02;
static const uint8_t CMD_CONFIGURE = 0x01, CMD_START = 0x02, CMD_STOP = 0x03, CMD_VIBRATE = 0x04,
                     CMD_GET_STATUS = 0x06;
static const uint8_t ST_OK = 0, ST_UNKNOWN = 1, ST_BAD_LENGTH = 2, ST_RATE = 3, ST_RANGE = 4,
                     ST_BUSY = 5, ST_NOT_SUPPORTED = 6;
static const float ACC_RANGES[4] = {2, 4, 8, 16};
static const float GYR_RANGES[5] = {125, 250, 500, 1000, 2000};
static const uint8_t HEADER = 12, BYTES_PER_SAMPLE = 12;
// Largest notification payload we send. 244 needs ATT MTU 247 (BlueZ, Android, iOS and Windows
// negotiate it); with MTU 23 use 20 bytes, which leaves room for only an acc-only packet.
static const uint16_t MAX_PAYLOAD = 244;
static const uint8_t MAX_BATCH = (MAX_PAYLOAD - HEADER) / BYTES_PER_SAMPLE;  // 19

static const int VIBRATION_PIN = 3;  // PWM to a transistor driving a coin vibration motor
static const int BATTERY_PIN = A7;   // LiPo through a 1:2 divider (0..4.2 V → 0..2.1 V)

// ---------------------------------------------------------------- GATT
BLEService oeService(OE_UUID("0001"));
BLECharacteristic dataChar(OE_UUID("0002"), BLENotify, MAX_PAYLOAD);
BLECharacteristic controlChar(OE_UUID("0003"), BLEWrite, 8);
BLECharacteristic eventChar(OE_UUID("0004"), BLENotify, 20);
BLECharacteristic infoChar(OE_UUID("0005"), BLERead, 8);
BLEService batteryService("180F");
BLEUnsignedCharCharacteristic batteryLevel("2A19", BLERead | BLENotify);

// ---------------------------------------------------------------- state
static uint16_t rateHz = 100;
static uint8_t accCode = 2, gyrCode = 4, batch = 4;
static bool streaming = false;
static uint16_t seq = 0;
static uint32_t periodUs = 10000, nextSampleUs = 0, firstSampleUs = 0;
static uint8_t nInBatch = 0, pendingFlags = 0;
static uint8_t packet[MAX_PAYLOAD];
static uint32_t vibrationOffMs = 0;
static bool vibrating = false;
static uint32_t lastBatteryMs = 0;

static void put16(uint8_t *p, uint16_t v) { p[0] = v & 0xFF; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (v >> (8 * i)) & 0xFF; }

static void answer(uint8_t cmd, uint8_t status, const uint8_t *extra = nullptr, uint8_t n = 0) {
  uint8_t buf[20];
  buf[0] = 0x80 | cmd;
  buf[1] = status;
  for (uint8_t i = 0; i < n && i < 18; i++) buf[2 + i] = extra[i];
  eventChar.writeValue(buf, 2 + n);
}

static int16_t scaled(float v, float range, uint8_t &flags) {
  float s = v * (32768.0f / range);
  if (s > 32767.0f) { flags |= FLAG_CLIPPED; return 32767; }
  if (s < -32768.0f) { flags |= FLAG_CLIPPED; return -32768; }
  return (int16_t)lroundf(s);
}

static uint8_t batteryPercent() {
  float v = analogRead(BATTERY_PIN) * (3.3f / 1023.0f) * 2.0f;  // undo the 1:2 divider
  float pct = (v - 3.3f) / (4.2f - 3.3f) * 100.0f;              // rough LiPo curve
  return (uint8_t)constrain(pct, 0.0f, 100.0f);
}

static void startStream() {
  seq = 0;
  nInBatch = 0;
  pendingFlags = 0;
  periodUs = 1000000UL / rateHz;
  nextSampleUs = micros() + periodUs;
  streaming = true;
}

// ---------------------------------------------------------------- commands
static void onControl(BLEDevice, BLECharacteristic c) {
  const uint8_t *d = c.value();
  int n = c.valueLength();
  if (n < 1) return;
  uint8_t cmd = d[0];
  switch (cmd) {
    case CMD_CONFIGURE: {
      if (n != 6) return answer(cmd, ST_BAD_LENGTH);
      if (streaming) return answer(cmd, ST_BUSY);
      uint16_t r = d[1] | (d[2] << 8);
      if (r != 25 && r != 50 && r != 100) return answer(cmd, ST_RATE);  // 200 Hz: not on this IMU setup
      // The library runs the sensor at ±4 g / ±2000 dps: smaller encodings would clip.
      if (d[3] > 3 || ACC_RANGES[d[3]] < 4 || d[4] != 4 || d[5] > MAX_BATCH) return answer(cmd, ST_RANGE);
      rateHz = r; accCode = d[3]; gyrCode = d[4];
      batch = d[5] ? d[5] : max(1, rateHz / 25);
      if (batch > MAX_BATCH) batch = MAX_BATCH;
      return answer(cmd, ST_OK);
    }
    case CMD_START:
      if (n != 1) return answer(cmd, ST_BAD_LENGTH);
      if (streaming) return answer(cmd, ST_BUSY);
      startStream();
      return answer(cmd, ST_OK);
    case CMD_STOP:
      if (n != 1) return answer(cmd, ST_BAD_LENGTH);
      streaming = false;
      return answer(cmd, ST_OK);
    case CMD_VIBRATE: {
      if (n != 4) return answer(cmd, ST_BAD_LENGTH);
      uint16_t ms = d[2] | (d[3] << 8);
      analogWrite(VIBRATION_PIN, d[1]);
      vibrating = d[1] > 0 && ms > 0;
      vibrationOffMs = millis() + ms;
      if (!vibrating) analogWrite(VIBRATION_PIN, 0);
      return answer(cmd, ST_OK);
    }
    case CMD_GET_STATUS: {
      if (n != 1) return answer(cmd, ST_BAD_LENGTH);
      uint8_t extra[4] = {batteryPercent(), (uint8_t)streaming, (uint8_t)(rateHz & 0xFF), (uint8_t)(rateHz >> 8)};
      return answer(cmd, ST_OK, extra, 4);
    }
    default:
      return answer(cmd, ST_UNKNOWN);
  }
}

static void onDisconnect(BLEDevice) {
  streaming = false;  // the host re-runs its start sequence after reconnecting
  analogWrite(VIBRATION_PIN, 0);
  vibrating = false;
}

// ---------------------------------------------------------------- sampling
static void sampleOnce(uint32_t scheduledUs) {
  float ax = 0, ay = 0, az = 0, gx = 0, gy = 0, gz = 0;
  IMU.readAcceleration(ax, ay, az);  // g
  IMU.readGyroscope(gx, gy, gz);     // deg/s
  if (nInBatch == 0) firstSampleUs = scheduledUs;
  uint8_t *p = packet + HEADER + nInBatch * BYTES_PER_SAMPLE;
  float acc[3] = {ax, ay, az}, gyr[3] = {gx, gy, gz};
  for (int i = 0; i < 3; i++) put16(p + 2 * i, (uint16_t)scaled(acc[i], ACC_RANGES[accCode], pendingFlags));
  for (int i = 0; i < 3; i++) put16(p + 6 + 2 * i, (uint16_t)scaled(gyr[i], GYR_RANGES[gyrCode], pendingFlags));
  if (++nInBatch < batch) return;
  packet[0] = (PROFILE_VERSION << 4) | KIND_IMU6;
  packet[1] = nInBatch;
  put16(packet + 2, seq++);
  put32(packet + 4, firstSampleUs);
  put16(packet + 8, rateHz);
  packet[10] = accCode | (gyrCode << 4);
  packet[11] = pendingFlags;
  dataChar.writeValue(packet, HEADER + nInBatch * BYTES_PER_SAMPLE);
  nInBatch = 0;
  pendingFlags = 0;
}

void setup() {
  pinMode(VIBRATION_PIN, OUTPUT);
  analogWrite(VIBRATION_PIN, 0);
  if (!IMU.begin() || !BLE.begin()) {
    pinMode(LED_BUILTIN, OUTPUT);
    while (true) { digitalWrite(LED_BUILTIN, !digitalRead(LED_BUILTIN)); delay(100); }
  }
  char name[20];
  uint32_t id = NRF_FICR->DEVICEADDR[0] & 0xFFFF;  // stable per board
  snprintf(name, sizeof(name), "OefenSense %04lX", (unsigned long)id);
  BLE.setLocalName(name);
  BLE.setDeviceName(name);
  BLE.setAdvertisedService(oeService);
  BLE.setConnectionInterval(6, 12);  // 7.5-15 ms, for up to 4 sensors at 100 Hz

  oeService.addCharacteristic(dataChar);
  oeService.addCharacteristic(controlChar);
  oeService.addCharacteristic(eventChar);
  oeService.addCharacteristic(infoChar);
  BLE.addService(oeService);
  batteryService.addCharacteristic(batteryLevel);
  BLE.addService(batteryService);

  uint8_t info[8] = {PROFILE_VERSION, FW_MAJOR, FW_MINOR, 0x01 | 0x02, 100, 0, 0, 0};  // gyro + vibration, max 100 Hz
  infoChar.writeValue(info, sizeof(info));
  batteryLevel.writeValue(batteryPercent());
  controlChar.setEventHandler(BLEWritten, onControl);
  BLE.setEventHandler(BLEDisconnected, onDisconnect);
  BLE.advertise();
}

void loop() {
  BLE.poll();
  uint32_t now = micros();
  if (streaming && (int32_t)(now - nextSampleUs) >= 0) {
    if ((int32_t)(now - nextSampleUs) > (int32_t)periodUs) {
      // We fell behind (radio busy): skip the missed samples, say so, keep the grid.
      uint32_t missed = (now - nextSampleUs) / periodUs;
      nextSampleUs += missed * periodUs;
      pendingFlags |= FLAG_DEVICE_OVERFLOW;
      if (nInBatch) {  // a batch must stay evenly spaced: drop the partial one
        nInBatch = 0;
      }
    }
    sampleOnce(nextSampleUs);
    nextSampleUs += periodUs;
  }
  if (vibrating && (int32_t)(millis() - vibrationOffMs) >= 0) {
    analogWrite(VIBRATION_PIN, 0);
    vibrating = false;
  }
  if (millis() - lastBatteryMs > 10000) {
    lastBatteryMs = millis();
    batteryLevel.writeValue(batteryPercent());
  }
}
